using System.Security.Cryptography;
using Grid.Evidence.Bundles;
using Grid.Evidence.Signing;

namespace Grid.Grains.Evidence;

/// <summary>
/// What every bundle of this silo shares: the sealer (key and log), the archive, Grid's version,
/// the settings in force as JSON, and the hashes of the geography files the counts were split
/// with. A refresh replaces those files while the silo runs, so the hashes are kept only while
/// every file's size and write time stay as they were when hashed.
/// </summary>
public sealed class EvidenceContext(EvidenceKey key, IEvidenceArchive archive, string gridVersion, byte[] settingsJson, IReadOnlyList<string> geographyFiles)
{
    private (string Stamp, IReadOnlyDictionary<string, string> Hashes)? _fileHashes;

    public EvidenceSealer Sealer { get; } = new(key, archive.Log);

    public IEvidenceArchive Archive { get; } = archive;

    public EvidencePublicKey PublicKey { get; } = key.PublicKey;

    public string GridVersion { get; } = gridVersion;

    public byte[] SettingsJson { get; } = settingsJson;

    /// <summary>File name → SHA-256 of every geography input (RIR statistics, the region database), as the files are now.</summary>
    public IReadOnlyDictionary<string, string> GeographyFileHashes
    {
        get
        {
            var files = geographyFiles.Where(File.Exists).Select(path => new FileInfo(path)).ToList();
            var stamp = string.Join('|', files.Select(file => $"{file.FullName}:{file.Length}:{file.LastWriteTimeUtc.Ticks}"));
            if (_fileHashes is not { } cached || cached.Stamp != stamp)
            {
                cached = (stamp, files.ToDictionary(file => file.Name, file =>
                {
                    using var stream = file.OpenRead();
                    return Convert.ToHexStringLower(SHA256.HashData(stream));
                }, StringComparer.Ordinal));
                _fileHashes = cached;
            }
            return cached.Hashes;
        }
    }
}
