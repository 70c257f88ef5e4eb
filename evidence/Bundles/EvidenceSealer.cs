using System.Security.Cryptography;
using Grid.Evidence.Log;
using Grid.Evidence.Signing;

namespace Grid.Evidence.Bundles;

/// <summary>
/// Seals a bundle: the manifest lists every part's hash, the key signs the manifest's bytes, and
/// the manifest's hash is appended to the transparency log, whose signed entry travels with the
/// bundle. A part cannot change afterwards without breaking its hash, the manifest without
/// breaking the signature and the log link, and the log without breaking the chain.
/// </summary>
public sealed class EvidenceSealer(EvidenceKey key, ITransparencyLog log)
{
    public async Task<(EvidenceBundle Bundle, SignedLogEntry Entry)> SealAsync(
        string eventId, string entity, string level, DateTimeOffset sealedAt, string gridVersion,
        IReadOnlyList<BundlePart> parts, CancellationToken cancellationToken)
    {
        foreach (var part in parts)
        {
            if (!BundlePart.IsSafeName(part.Name) || EvidenceBundle.SealFiles.Contains(part.Name))
            {
                throw new ArgumentException($"'{part.Name}' cannot name a bundle part", nameof(parts));
            }
        }
        var manifest = EvidenceManifest.For(eventId, entity, level, sealedAt, gridVersion, parts).ToJson();
        var entry = await log.AppendAsync(eventId, entity, Convert.ToHexStringLower(SHA256.HashData(manifest)), cancellationToken);
        var files = parts.ToDictionary(part => part.Name, part => part.Content, StringComparer.Ordinal);
        files[EvidenceManifest.FileName] = manifest;
        files[EvidenceBundle.SignatureFile] = key.Sign(manifest);
        files[EvidenceBundle.LogEntryFile] = System.Text.Encoding.UTF8.GetBytes(entry.ToJsonLine() + "\n");
        files[EvidenceBundle.KeyFile] = System.Text.Encoding.ASCII.GetBytes(key.PublicKey.Pem);
        return (new EvidenceBundle(files), entry);
    }
}
