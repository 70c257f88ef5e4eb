using System.Formats.Tar;
using System.IO.Compression;

namespace Grid.Evidence.Bundles;

/// <summary>
/// A sealed bundle's files by name: the parts, <c>manifest.json</c>, its DER signature
/// <c>manifest.sig</c>, the signed <c>log-entry.json</c> and the signer's <c>key.pem</c>. Travels as a
/// gzip'd POSIX tar (what <c>tar xzf</c> unpacks) or as the unpacked folder.
/// </summary>
public sealed class EvidenceBundle(IReadOnlyDictionary<string, byte[]> files)
{
    public const string SignatureFile = "manifest.sig";
    public const string LogEntryFile = "log-entry.json";
    public const string KeyFile = "key.pem";

    /// <summary>The files that are the seal, not evidence: the manifest cannot list itself or what signs it.</summary>
    public static readonly IReadOnlySet<string> SealFiles = new HashSet<string>(StringComparer.Ordinal)
    {
        EvidenceManifest.FileName, SignatureFile, LogEntryFile, KeyFile,
    };

    /// <summary>What one bundle may hold when read back: a verifier must not be made to unpack a bomb.</summary>
    public const long MaxBytes = 512L * 1024 * 1024;

    public const int MaxFiles = 10_000;

    public IReadOnlyDictionary<string, byte[]> Files { get; } = files;

    public byte[]? this[string name] => Files.TryGetValue(name, out var content) ? content : null;

    public byte[] ToTarGz()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content) in Files.OrderBy(file => SealFiles.Contains(file.Key)).ThenBy(file => file.Key, StringComparer.Ordinal))
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
                {
                    DataStream = new MemoryStream(content, writable: false),
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    ModificationTime = DateTimeOffset.UnixEpoch,
                };
                tar.WriteEntry(entry);
            }
        }
        return output.ToArray();
    }

    /// <summary>Reads a bundle from a .tar.gz file or an unpacked folder; <see cref="InvalidDataException"/> says what is wrong.</summary>
    public static EvidenceBundle Read(string path)
    {
        if (Directory.Exists(path))
        {
            return ReadFolder(path);
        }
        using var file = File.OpenRead(path);
        return ReadTarGz(file);
    }

    public static EvidenceBundle ReadTarGz(Stream stream)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        long total = 0;
        try
        {
            using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is TarEntryType.Directory)
                {
                    continue;
                }
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    throw new InvalidDataException($"the bundle holds '{entry.Name}', a {entry.EntryType} entry; bundles hold only regular files");
                }
                var name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
                Admit(files, name, entry.Length, ref total);
                var content = new byte[entry.Length];
                entry.DataStream?.ReadExactly(content);
                files[name] = content;
            }
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or IOException)
        {
            throw new InvalidDataException($"the bundle is not a readable .tar.gz ({e.Message}); unpack it with `tar xzf` and verify the folder to see which part is damaged", e);
        }
        return new EvidenceBundle(files);
    }

    private static EvidenceBundle ReadFolder(string folder)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        long total = 0;
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/');
            Admit(files, name, new FileInfo(path).Length, ref total);
            files[name] = File.ReadAllBytes(path);
        }
        return new EvidenceBundle(files);
    }

    private static void Admit(Dictionary<string, byte[]> files, string name, long length, ref long total)
    {
        if (!BundlePart.IsSafeName(name))
        {
            throw new InvalidDataException($"the bundle holds a file named '{name}', which is not a relative path inside it");
        }
        if (files.ContainsKey(name))
        {
            throw new InvalidDataException($"the bundle holds '{name}' twice");
        }
        total += length;
        if (files.Count >= MaxFiles || total > MaxBytes)
        {
            throw new InvalidDataException($"the bundle holds more than {MaxFiles:N0} files or {MaxBytes / (1024 * 1024):N0} MB; Grid never seals one that large");
        }
    }
}
