using System.Security.Cryptography;
using Grid.Evidence.Bundles;
using Grid.Evidence.Signing;

namespace Grid.Grains.Evidence;

/// <summary>
/// What every bundle of this silo shares: the sealer (key and log), the archive, Grid's version,
/// the settings in force as JSON, and the hashes of the geography files the counts were split
/// with (computed once per start: the files are replaced only through a refresh, which restarts
/// the count of what they hash to).
/// </summary>
public sealed class EvidenceContext(EvidenceKey key, IEvidenceArchive archive, string gridVersion, byte[] settingsJson, IReadOnlyList<string> geographyFiles)
{
    private IReadOnlyDictionary<string, string>? _fileHashes;

    public EvidenceSealer Sealer { get; } = new(key, archive.Log);

    public IEvidenceArchive Archive { get; } = archive;

    public EvidencePublicKey PublicKey { get; } = key.PublicKey;

    public string GridVersion { get; } = gridVersion;

    public byte[] SettingsJson { get; } = settingsJson;

    /// <summary>File name → SHA-256 of every geography input (RIR statistics, the region database).</summary>
    public IReadOnlyDictionary<string, string> GeographyFileHashes => _fileHashes ??= geographyFiles
        .Where(File.Exists)
        .ToDictionary(path => Path.GetFileName(path), path =>
        {
            using var file = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(file));
        }, StringComparer.Ordinal);
}
