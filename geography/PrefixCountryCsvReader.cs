namespace Grid.Geography;

/// <summary>
/// Reads a "prefix,country" table (one CIDR and one ISO 3166 code per line, after a header),
/// the flat form of ipverse's per-country lists that ../shared/data/rir/ipverse-prefix-country.csv
/// uses. Rows whose country is ZZ say "no country" and are not kept.
/// </summary>
public static class PrefixCountryCsvReader
{
    public const string Header = "prefix,country";

    public static CountryBlockList Read(TextReader reader)
    {
        var blocks = new List<CountryBlock>();
        var skipped = new SkippedLines();
        foreach (var (lineNumber, text) in DataLines.Of(reader))
        {
            if (lineNumber == 1 && text.Equals(Header, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var line = text.AsSpan();
            var comma = line.IndexOf(',');
            if (comma < 0
                || !PrefixText.TryParse(line[..comma].Trim(), out var prefix)
                || !CountryCode.TryParse(line[(comma + 1)..].Trim(), out var country))
            {
                skipped.Add(lineNumber);
            }
            else if (!country.IsUnknown)
            {
                blocks.Add(new CountryBlock(prefix, country));
            }
        }

        return new CountryBlockList(blocks, skipped);
    }
}
