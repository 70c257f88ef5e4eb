using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Grid.Evidence.Log;

/// <summary>
/// One entry of the transparency log: which sealed manifest went in at which position, chained to
/// the entry before it by that entry's hash, as in Certificate Transparency's Merkle log
/// (RFC 6962 §2.1) reduced to a chain: removing or changing any earlier entry breaks every later
/// link. The entry's hash and signature cover its canonical body (<see cref="Body"/>).
/// </summary>
public sealed record LogEntry(
    long Index,
    DateTimeOffset Time,
    string EventId,
    string Entity,
    string ManifestSha256,
    string PreviousSha256,
    string KeyId)
{
    /// <summary>The previous hash of the first entry: 64 zeros.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>
    /// The bytes that are hashed and signed: compact JSON with the fields in this fixed order, the
    /// time in UTC with 7 fractional digits ("O"). Only strings and an integer, so the encoding has
    /// one spelling and any verifier rebuilds the same bytes.
    /// </summary>
    public byte[] Body()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("format", EvidenceFormats.Log);
            json.WriteNumber("index", Index);
            json.WriteString("time", Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("event", EventId);
            json.WriteString("entity", Entity);
            json.WriteString("manifest", ManifestSha256);
            json.WriteString("previous", PreviousSha256);
            json.WriteString("key", KeyId);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The link the next entry carries as its <see cref="PreviousSha256"/>.</summary>
    public string Sha256() => Convert.ToHexStringLower(SHA256.HashData(Body()));
}
