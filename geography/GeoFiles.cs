namespace Grid.Geography;

/// <summary>
/// The files of a geography folder that <see cref="GeoFolder"/> may read, sorted by kind and, within
/// a kind, by path. Hidden files are never taken: `grid geo fetch` downloads into ".name.partial".
/// </summary>
internal sealed record GeoFiles(string[] Statistics, string[] CidrLists, string[] Archives, string[] Tables, string[] AsNames)
{
    public bool IsEmpty => Statistics.Length + CidrLists.Length + Archives.Length + Tables.Length + AsNames.Length == 0;

    public static GeoFiles Find(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return new GeoFiles([], [], [], [], []);
        }

        var files = Directory.GetFiles(directory).Where(path => !Path.GetFileName(path).StartsWith('.')).Order(StringComparer.Ordinal).ToArray();
        return new GeoFiles(
            // Registries publish a checksum and a signature beside each file: delegated-*.md5, .asc.
            Statistics: files.Where(path => Path.GetFileName(path).StartsWith("delegated-", StringComparison.Ordinal)
                && Path.GetExtension(path).ToLowerInvariant() is not (".md5" or ".asc" or ".sig")).ToArray(),
            // An unpacked ipverse/country-ip-blocks: country/<cc>/ipv4-aggregated.txt, at any depth.
            CidrLists: Directory.EnumerateFiles(directory, "ipv?-aggregated.txt", SearchOption.AllDirectories)
                .Where(path => CidrListReader.IsListName(Path.GetFileName(path)) && CidrListReader.TryCountryOfPath(path, out _))
                .Order(StringComparer.Ordinal).ToArray(),
            Archives: files.Where(CidrListArchiveReader.IsArchiveName).ToArray(),
            // Told apart by their header when read: prefix→country or ASN→country.
            Tables: files.Where(path => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).ToArray(),
            AsNames: files.Where(path => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                && Path.GetFileName(path).Contains("asnames", StringComparison.OrdinalIgnoreCase)).ToArray());
    }
}
