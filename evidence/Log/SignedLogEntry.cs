using System.Globalization;
using System.Text;
using System.Text.Json;
using Grid.Evidence.Signing;

namespace Grid.Evidence.Log;

/// <summary>
/// A log entry with the signature of its body, as one line of JSON Lines: the form of the log's
/// folder file, of <c>GET /v1/evidence/log</c> and of the bundle's <c>log-entry.json</c>.
/// </summary>
public sealed record SignedLogEntry(LogEntry Entry, byte[] Signature)
{
    private static readonly string[] LineFields = ["format", "index", "time", "event", "entity", "manifest", "previous", "key", "sha256", "signature"];

    public static SignedLogEntry Sign(LogEntry entry, EvidenceKey key) => new(entry, key.Sign(entry.Body()));

    public bool VerifiedBy(EvidencePublicKey key) => key.KeyId == Entry.KeyId && key.Verify(Entry.Body(), Signature);

    /// <summary>One line: the body's fields, its hash (for readers; verifiers recompute it) and the base64 DER signature.</summary>
    public string ToJsonLine()
    {
        using var buffer = new MemoryStream();
        // Not embedded in HTML, so '+' in base64 stays '+' instead of \u002B.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            using (var body = JsonDocument.Parse(Entry.Body()))
            {
                foreach (var property in body.RootElement.EnumerateObject())
                {
                    property.WriteTo(json);
                }
            }
            json.WriteString("sha256", Entry.Sha256());
            json.WriteString("signature", Convert.ToBase64String(Signature));
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Parses one line; <see cref="InvalidDataException"/> names what is missing or wrong.</summary>
    public static SignedLogEntry Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var names = root.EnumerateObject().Select(property => property.Name).ToList();
            if (!names.SequenceEqual(LineFields))
            {
                throw new InvalidDataException($"its fields are {string.Join(", ", names)}; a log entry has exactly {string.Join(", ", LineFields)}");
            }
            var format = Text(root, "format");
            if (format != EvidenceFormats.Log)
            {
                throw new InvalidDataException($"a log entry of format '{format}', expected '{EvidenceFormats.Log}'");
            }
            var entry = new LogEntry(
                root.GetProperty("index").GetInt64(),
                DateTimeOffset.Parse(Text(root, "time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                Text(root, "event"),
                Text(root, "entity"),
                Text(root, "manifest"),
                Text(root, "previous"),
                Text(root, "key"));
            // Every byte of a line must matter: the hash must be the body's, and the signature in
            // base64's one canonical spelling (RFC 4648 §3.5: pad bits zero), so no edit verifies.
            if (Text(root, "sha256") != entry.Sha256())
            {
                throw new InvalidDataException($"its sha256 {Text(root, "sha256")} is not its body's hash {entry.Sha256()}");
            }
            var signatureText = Text(root, "signature");
            var signature = Convert.FromBase64String(signatureText);
            if (Convert.ToBase64String(signature) != signatureText)
            {
                throw new InvalidDataException("its signature is not in canonical base64");
            }
            var parsed = new SignedLogEntry(entry, signature);
            if (parsed.ToJsonLine() != line)
            {
                throw new InvalidDataException("it is not written the way Grid writes entries (spacing, escapes or digits differ), so it was edited");
            }
            return parsed;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"not a Grid evidence log entry ({e.Message})", e);
        }
    }

    private static string Text(JsonElement root, string name) =>
        root.GetProperty(name).GetString() ?? throw new InvalidDataException($"the log entry's '{name}' is null");
}
