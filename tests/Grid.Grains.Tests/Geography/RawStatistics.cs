using System.Globalization;
using System.Numerics;

namespace Grid.Grains.Tests.Geography;

/// <summary>
/// Expected values computed straight from a statistics file's text, the way one would with awk,
/// independently of the reader under test: records are lines of at least seven '|' fields that
/// are neither the version line nor a summary, and count when they name a country.
/// </summary>
internal sealed class RawStatistics
{
    private readonly List<string[]> _records;

    public RawStatistics(string path)
    {
        var lines = File.ReadLines(path).Where(line => line.Length > 0 && line[0] != '#').Select(line => line.Split('|')).ToList();
        _records = lines.Skip(1).Where(fields => fields.Length >= 7 && fields[5] != "summary").ToList();
    }

    /// <summary>Records of <paramref name="type"/> with a country, optionally only <paramref name="country"/>'s.</summary>
    public IEnumerable<string[]> Delegated(string type, string? country = null) => _records.Where(fields =>
        fields[2] == type && fields[1] is not ("" or "ZZ") && fields[6] is not ("available" or "reserved")
        && (country is null || fields[1] == country));

    public IEnumerable<string[]> WithoutCountry => _records.Where(fields =>
        fields[1] is "" or "ZZ" || fields[6] is "available" or "reserved");

    /// <summary>The sum of the value field: addresses for ipv4, ASNs for asn.</summary>
    public BigInteger Total(string type, string? country = null) =>
        Delegated(type, country).Aggregate(BigInteger.Zero, (sum, fields) => sum + BigInteger.Parse(fields[4], CultureInfo.InvariantCulture));
}
