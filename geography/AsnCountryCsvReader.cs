using System.Globalization;

namespace Grid.Geography;

/// <summary>
/// Reads an ASN→country table with the columns "RIR,Country Code,ASN Number,Allocated Date"
/// (../shared/data/rir/asn-country.*.csv, one ASN per row, written as "AS1228" or "1228"): a
/// flattening of the asn records of RIR statistics files. Rows with no country (empty or ZZ: the
/// ASN is available or reserved) are not kept, and are not errors.
/// </summary>
public static class AsnCountryCsvReader
{
    /// <summary>True for the header row of such a table, which is how a folder scan recognises one.</summary>
    public static bool IsHeader(string line) =>
        line.StartsWith("RIR,Country Code,ASN", StringComparison.OrdinalIgnoreCase);

    public static AsnBlockList Read(TextReader reader)
    {
        var asns = new List<AsnBlock>();
        var skipped = new SkippedLines();
        Span<Range> columns = stackalloc Range[5];
        foreach (var (lineNumber, text) in DataLines.Of(reader))
        {
            if (lineNumber == 1 && IsHeader(text))
            {
                continue;
            }

            var line = text.AsSpan();
            var count = line.Split(columns, ',');
            if (count >= 3 && line[columns[1]].Trim().IsEmpty)
            {
                continue;
            }

            var asnText = count >= 3 ? line[columns[2]].Trim() : default;
            if (asnText.StartsWith("AS", StringComparison.OrdinalIgnoreCase))
            {
                asnText = asnText[2..];
            }

            if (count < 3
                || !CountryCode.TryParse(line[columns[1]].Trim(), out var country)
                || !uint.TryParse(asnText, NumberStyles.None, CultureInfo.InvariantCulture, out var asn))
            {
                skipped.Add(lineNumber);
            }
            else if (!country.IsUnknown)
            {
                asns.Add(new AsnBlock(asn, 1, country));
            }
        }

        return new AsnBlockList(asns, skipped);
    }
}
