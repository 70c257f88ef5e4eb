using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grid.Bgp.Model;

namespace Grid.Geography;

/// <summary>
/// Reads the RIR statistics exchange format, plain and extended, of all five RIRs and IANA
/// (spec: https://www.apnic.net/db/rir-stats-format.html; extended:
/// https://www.nro.net/wp-content/uploads/nro-extended-stats-readme5.txt). Lines are:
/// <code>
/// #comment                                             §4.1
/// version|registry|serial|records|startdate|enddate|UTCoffset          §4.2 header
/// registry|*|type|*|count|summary                                      §4.2 summary
/// registry|cc|type|start|value|date|status[|opaque-id[|extensions]]    §4.3 record
/// </code>
/// </summary>
public static class DelegatedStatisticsReader
{
    /// <summary>No RIR delegates a run this long; a larger count is a corrupt line, and expanding it would exhaust memory.</summary>
    private const uint LongestAsnRun = 1 << 16;

    public static DelegatedStatistics Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    public static DelegatedStatistics Read(TextReader reader)
    {
        var registry = "";
        DateOnly? date = null;
        var blocks = new List<CountryBlock>();
        var asns = new List<AsnBlock>();
        var withoutCountry = 0;
        var skipped = new SkippedLines();
        var sawHeader = false;
        Span<Range> fields = stackalloc Range[9];
        foreach (var (lineNumber, text) in DataLines.Of(reader))
        {
            var line = text.AsSpan();
            var count = line.Split(fields, '|');
            if (!sawHeader && count >= 7 && IsVersion(line[fields[0]]))
            {
                // §4.2: the first line that is not a comment.
                sawHeader = true;
                registry = line[fields[1]].ToString().ToLowerInvariant();
                date = ParseDate(line[fields[5]]) ?? ParseDate(line[fields[2]]);
                continue;
            }

            if (count >= 6 && line[fields[5]].SequenceEqual("summary"))
            {
                continue;
            }

            var outcome = count >= 7 ? ReadRecord(line, fields, blocks, asns) : Outcome.Bad;
            if (outcome == Outcome.WithoutCountry)
            {
                withoutCountry++;
            }
            else if (outcome == Outcome.Bad)
            {
                skipped.Add(lineNumber);
            }
        }

        return new DelegatedStatistics(registry, date, blocks, asns, withoutCountry, skipped);
    }

    private enum Outcome { Kept, WithoutCountry, Bad }

    private static Outcome ReadRecord(ReadOnlySpan<char> line, ReadOnlySpan<Range> fields, List<CountryBlock> blocks, List<AsnBlock> asns)
    {
        var cc = line[fields[1]];
        var type = line[fields[2]];
        var start = line[fields[3]];
        var value = line[fields[4]];
        var status = line[fields[6]];
        if (!type.SequenceEqual("ipv4") && !type.SequenceEqual("ipv6") && !type.SequenceEqual("asn"))
        {
            return Outcome.Bad;
        }

        // Extended files list undelegated space as available/reserved with cc ZZ (AFRINIC) or
        // empty (LACNIC); IANA's file names registries, not countries, and uses ZZ throughout.
        if (cc.IsEmpty || cc.SequenceEqual("ZZ") || status.SequenceEqual("available") || status.SequenceEqual("reserved"))
        {
            return Outcome.WithoutCountry;
        }

        if (!CountryCode.TryParse(cc, out var country))
        {
            return Outcome.Bad;
        }

        if (type.SequenceEqual("asn"))
        {
            if (!uint.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var run)
                || run == 0 || run > LongestAsnRun || first > uint.MaxValue - (run - 1))
            {
                return Outcome.Bad;
            }

            asns.Add(new AsnBlock(first, run, country));
            return Outcome.Kept;
        }

        var isIPv4 = type.SequenceEqual("ipv4");
        if (!IPAddress.TryParse(start, out var address)
            || address.AddressFamily != (isIPv4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6)
            || (isIPv4 && start.Count('.') != 3))
        {
            return Outcome.Bad;
        }

        var firstBits = Prefix.FromAddress(address, isIPv4 ? 32 : 128).Bits;
        if (isIPv4)
        {
            // §4.3: for ipv4 the value is a count of addresses, not necessarily a power of two.
            if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var addresses)
                || addresses == 0 || (ulong)(firstBits >> 96) + addresses > 1UL << 32)
            {
                return Outcome.Bad;
            }

            var lastBits = firstBits + (((UInt128)addresses << 96) - 1);
            AddressRange.Decompose(firstBits, lastBits, isIPv4: true, country, blocks);
            return Outcome.Kept;
        }

        // §4.3: for ipv6 the value is the prefix length.
        if (!byte.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > 128)
        {
            return Outcome.Bad;
        }

        blocks.Add(new CountryBlock(Prefix.IPv6(firstBits, length), country));
        return Outcome.Kept;
    }

    // "2" in most files, "2.3" in LACNIC's.
    private static bool IsVersion(ReadOnlySpan<char> field) =>
        decimal.TryParse(field, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);

    private static DateOnly? ParseDate(ReadOnlySpan<char> field) =>
        DateOnly.TryParseExact(field, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
