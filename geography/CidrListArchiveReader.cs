using System.Formats.Tar;
using System.IO.Compression;

namespace Grid.Geography;

/// <summary>
/// Reads ipverse's per-country CIDR lists straight from a .tar.gz of the repository
/// (<c>country/&lt;cc&gt;/ipv4-aggregated.txt</c> and <c>ipv6-aggregated.txt</c>, 237 countries in the
/// copy under ../shared/data/rir), so the archive needs no unpacking step. Other entries (the
/// aggregated.json copies of the same data, README, LICENSE) are passed over.
/// </summary>
public static class CidrListArchiveReader
{
    public static IReadOnlyList<(string Entry, CountryBlockList List)> Read(string path)
    {
        var lists = new List<(string, CountryBlockList)>();
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                || entry.DataStream is null
                || !CidrListReader.IsListName(Path.GetFileName(entry.Name))
                || !CidrListReader.TryCountryOfPath(entry.Name, out var country))
            {
                continue;
            }

            using var reader = new StreamReader(entry.DataStream);
            lists.Add((entry.Name, CidrListReader.Read(reader, country)));
        }

        return lists;
    }

    /// <summary>True if <paramref name="path"/> names a gzipped tar, the form a `git archive` of ipverse comes in.</summary>
    public static bool IsArchiveName(string path) =>
        path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);
}
