using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Grid.Evidence.Bundles;

/// <summary>
/// What a bundle holds and for which event: every part with its SHA-256. The signature and the
/// log entry cover the manifest's exact bytes (<c>manifest.json</c> as written), so nothing has to
/// be canonicalized again to verify it.
/// </summary>
public sealed record EvidenceManifest(
    string EventId,
    string Entity,
    string Level,
    DateTimeOffset Sealed,
    string GridVersion,
    IReadOnlyList<ManifestPart> Parts)
{
    public const string FileName = "manifest.json";

    public static EvidenceManifest For(string eventId, string entity, string level, DateTimeOffset sealedAt, string gridVersion, IEnumerable<BundlePart> parts) =>
        new(eventId, entity, level, sealedAt, gridVersion,
            [.. parts.Select(part => new ManifestPart(part.Name, Convert.ToHexStringLower(SHA256.HashData(part.Content)), part.Content.Length))]);

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", EvidenceFormats.Manifest);
            json.WriteString("event", EventId);
            json.WriteString("entity", Entity);
            json.WriteString("level", Level);
            json.WriteString("sealed", Sealed.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("grid", GridVersion);
            json.WriteStartArray("parts");
            foreach (var part in Parts)
            {
                json.WriteStartObject();
                json.WriteString("name", part.Name);
                json.WriteString("sha256", part.Sha256);
                json.WriteNumber("bytes", part.Bytes);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads a manifest; <see cref="InvalidDataException"/> says what is wrong with it.</summary>
    public static EvidenceManifest Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            var format = Text(root, "format");
            if (format != EvidenceFormats.Manifest)
            {
                throw new InvalidDataException($"a manifest of format '{format}', expected '{EvidenceFormats.Manifest}'");
            }
            var parts = root.GetProperty("parts").EnumerateArray()
                .Select(part => new ManifestPart(Text(part, "name"), Text(part, "sha256"), part.GetProperty("bytes").GetInt64()))
                .ToList();
            return new EvidenceManifest(
                Text(root, "event"), Text(root, "entity"), Text(root, "level"),
                DateTimeOffset.Parse(Text(root, "sealed"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                Text(root, "grid"), parts);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"not a Grid evidence manifest ({e.Message})", e);
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidDataException($"the manifest's '{name}' is null");
}
