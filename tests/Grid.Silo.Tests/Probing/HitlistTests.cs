using Grid.Geography;
using Grid.Silo.Feeds.Probing;
using Grid.Testing.Data;

namespace Grid.Silo.Tests.Probing;

public sealed class HitlistTests
{
    [Fact]
    public void LinesGiveAddressesWithOptionalCountryAsAndAvailabilityAndBadLinesAreReported()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.PathOf("hitlist.txt");
        File.WriteAllLines(path,
        [
            "# address country AS availability",
            "198.18.0.1 XA AS64500 0.9",
            "198.18.1.1,XB,64501",
            "62.2.16.12",
            "198.18.2.1\t-\t-\t0.3   # a sparse block",
            "",
            "2001:db8::1 XA",
            "198.18.3.1 XAB",
            "198.18.4.1 XA ASX",
            "198.18.5.1 XA AS1 1.5",
        ]);

        var (entries, problems) = Hitlist.Read(path);

        Assert.Equal(
            [
                new HitlistEntry(0xC6120001, CountryCode.Parse("XA"), 64500, 0.9),
                new HitlistEntry(0xC6120101, CountryCode.Parse("XB"), 64501),
                new HitlistEntry(0x3E02100C, null, 0),
                new HitlistEntry(0xC6120201, null, 0, 0.3),
            ],
            entries);
        Assert.Equal(4, problems.Count);
        Assert.Contains(":7: '2001:db8::1' is not an IPv4 address", problems[0], StringComparison.Ordinal);
        Assert.Contains(":10: '1.5' is not an availability", problems[3], StringComparison.Ordinal);
    }
}
