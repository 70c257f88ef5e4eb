using Grid.Bgp.Model;

namespace Grid.Geography;

/// <summary>
/// Reads a per-country CIDR list as ipverse/country-ip-blocks publishes it
/// (<c>country/&lt;cc&gt;/ipv4-aggregated.txt</c>, <c>ipv6-aggregated.txt</c>): one prefix per line,
/// '#' comments (a header naming the country, family and delegation status), blank lines.
/// The country is not in the file, only in its folder's name.
/// </summary>
public static class CidrListReader
{
    public static CountryBlockList Read(TextReader reader, CountryCode country)
    {
        var blocks = new List<CountryBlock>();
        var skipped = new SkippedLines();
        foreach (var (lineNumber, line) in DataLines.Of(reader))
        {
            if (PrefixText.TryParse(line, out var prefix))
            {
                blocks.Add(new CountryBlock(prefix, country));
            }
            else
            {
                skipped.Add(lineNumber);
            }
        }

        return new CountryBlockList(blocks, skipped);
    }

    /// <summary>The country a list belongs to: its folder's name, "by" in country/by/ipv4-aggregated.txt.</summary>
    public static bool TryCountryOfPath(string path, out CountryCode country)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(path.Replace('\\', '/').TrimEnd('/')));
        return CountryCode.TryParse(folder, out country) && !country.IsUnknown;
    }

    /// <summary>The file names of ipverse's aggregated lists, one per family.</summary>
    public static bool IsListName(string fileName) => fileName is "ipv4-aggregated.txt" or "ipv6-aggregated.txt";
}
