using Grid.Bgp.Model;
using Grid.Geography;
using Grid.Testing.Data;

namespace Grid.Grains.Tests.Geography;

public sealed class DelegatedStatisticsReaderTests
{
    // Every statistics file in ../shared/data/rir: AFRINIC extended (2024, 2026), APNIC plain (2019), IANA (2019), LACNIC extended (2024).
    public static TheoryData<string> StatisticsFiles() =>
        [.. Directory.GetFiles(SharedData.PathOf("rir"), "delegated-*").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(StatisticsFiles))]
    public void EveryRecordWithACountryIsReadWithItsFullSize(string file)
    {
        var path = SharedData.PathOf("rir", file);
        var raw = new RawStatistics(path);

        var statistics = DelegatedStatisticsReader.Read(path);

        var ipv4 = statistics.Blocks.Where(block => block.Prefix.IsIPv4).ToList();
        var ipv6 = statistics.Blocks.Where(block => !block.Prefix.IsIPv4).ToList();
        Assert.Equal(raw.Total("ipv4"), AddressSpace.SizeOf(ipv4.Select(block => block.Prefix)));
        Assert.True(ipv4.Count >= raw.Delegated("ipv4").Count(), "an IPv4 record is one or more CIDR blocks");
        Assert.Equal(raw.Delegated("ipv6").Count(), ipv6.Count);
        Assert.Equal(raw.Delegated("asn").Count(), statistics.Asns.Count);
        Assert.Equal(raw.Total("asn"), statistics.Asns.Sum(run => (long)run.Count));
        Assert.Equal(raw.WithoutCountry.Count(), statistics.WithoutCountry);
    }

    [Theory]
    [InlineData("delegated-afrinic-extended-latest.IPToCC-2026", "afrinic", "2026-05-05")]
    [InlineData("delegated-afrinic-extended-latest.juerson-20240105", "afrinic", "2024-01-05")]
    [InlineData("delegated-apnic-latest.ExodusVPN-2019", "apnic", "2019-09-11")] // serial 20190912, end date 20190911
    [InlineData("delegated-iana-latest.ExodusVPN-2019", "iana", "2019-06-12")]
    [InlineData("delegated-lacnic-extended-latest.juerson-20240105", "lacnic", "2024-01-04")] // fetched the day after
    public void TheVersionLineNamesTheRegistryAndTheDay(string file, string registry, string day)
    {
        var path = SharedData.PathOf("rir", file);

        var statistics = DelegatedStatisticsReader.Read(path);

        Assert.Equal(registry, statistics.Registry);
        Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), statistics.Date);
    }

    [Fact]
    public void BrazilHoldsExactlyTheAddressesOfLacnicsBrazilianRecords()
    {
        var path = SharedData.PathOf("rir", "delegated-lacnic-extended-latest.juerson-20240105");
        var raw = new RawStatistics(path);
        var brazil = CountryCode.Parse("BR");

        var blocks = DelegatedStatisticsReader.Read(path).Blocks.Where(block => block.Country == brazil && block.Prefix.IsIPv4);

        Assert.True(raw.Delegated("ipv4", "BR").Count() > 10_000);
        Assert.Equal(raw.Total("ipv4", "BR"), AddressSpace.SizeOf(blocks.Select(block => block.Prefix)));
    }

    [Fact]
    public void AnAddressCountThatIsNoPowerOfTwoBecomesTheFewestAlignedBlocks()
    {
        // A real AFRINIC record: 2560 addresses from 196.4.20.0.
        var statistics = Read("afrinic|ZA|ipv4|196.4.20.0|2560|19930831|allocated|F369838C");

        Assert.Equal(["196.4.20.0/22", "196.4.24.0/22", "196.4.28.0/23"], statistics.Blocks.Select(block => block.Prefix.ToString()));
        Assert.All(statistics.Blocks, block => Assert.Equal("ZA", block.Country.ToString()));
    }

    [Fact]
    public void AnUnalignedStartIsCoveredFromItsFirstAddress()
    {
        var statistics = Read("ripencc|DE|ipv4|10.0.0.3|6|20200101|allocated");

        Assert.Equal(["10.0.0.3/32", "10.0.0.4/30", "10.0.0.8/32"], statistics.Blocks.Select(block => block.Prefix.ToString()));
    }

    [Fact]
    public void TheWholeIPv4SpaceIsOneBlock()
    {
        var statistics = Read("iana|US|ipv4|0.0.0.0|4294967296|20200101|allocated");

        Assert.Equal([Prefix.Parse("0.0.0.0/0")], statistics.Blocks.Select(block => block.Prefix));
    }

    [Fact]
    public void AnIPv6RecordGivesAPrefixLength()
    {
        var statistics = Read("apnic|CN|ipv6|240f:8000::|24|20150427|allocated");

        Assert.Equal(new CountryBlock(Prefix.Parse("240f:8000::/24"), CountryCode.Parse("CN")), Assert.Single(statistics.Blocks));
    }

    [Fact]
    public void AnAsnRunIsKeptAsARunOfItsLength()
    {
        var statistics = Read("apnic|JP|asn|2497|32|20020405|allocated");

        var run = Assert.Single(statistics.Asns);
        Assert.Equal((2497u, 2528u, "JP"), (run.First, run.Last, run.Country.ToString()));
    }

    [Fact]
    public void AvailableAndReservedSpaceHasNoCountryAndIsNotAnError()
    {
        var statistics = Read(
            "afrinic|ZZ|ipv6|2c0f:fff4::|30||reserved|",
            "lacnic||ipv4|190.9.127.0|256||available",
            "lacnic|BR|ipv4|45.6.236.0|1024||reserved|",
            "iana|ZZ|asn|1|1876|19920101|arin");

        Assert.Empty(statistics.Blocks);
        Assert.Empty(statistics.Asns);
        Assert.Equal(4, statistics.WithoutCountry);
        Assert.Equal(0, statistics.Skipped.Count);
    }

    [Fact]
    public void BadLinesAreCountedWithTheirNumbersAndTheRestIsRead()
    {
        var statistics = Read(
            "ripencc|DE|ipv4|10.0.0.0|256|20200101|allocated", // line 3, after a comment and the version line
            "|3|19990401|arin", // IANA's own file has this line (1007)
            "ripencc|DE|ipv4|10.0.1|256|20200101|allocated",
            "ripencc|DE|ipv4|10.0.2.0|0|20200101|allocated",
            "ripencc|DE|ipv4|255.255.255.0|512|20200101|allocated",
            "ripencc|DE|ipv6|2001:db8::|129|20200101|allocated",
            "ripencc|D1|asn|1|1|20200101|allocated",
            "ripencc|DE|asn|4294967295|2|20200101|allocated",
            "ripencc|DE|fddi|1|1|20200101|allocated",
            "ripencc|DE|ipv4|10.0.9.0|256|20200101|allocated");

        Assert.Equal(8, statistics.Skipped.Count);
        Assert.Equal([4, 5, 6, 7, 8], statistics.Skipped.FirstLineNumbers);
        Assert.Equal("8 (lines 4, 5, 6, 7, 8, …)", statistics.Skipped.ToString());
        Assert.Equal(["10.0.0.0/24", "10.0.9.0/24"], statistics.Blocks.Select(block => block.Prefix.ToString()));
    }

    [Fact]
    public void IanasFileNamesNoCountryAndHasOneBrokenLine()
    {
        var statistics = DelegatedStatisticsReader.Read(SharedData.PathOf("rir", "delegated-iana-latest.ExodusVPN-2019"));

        Assert.Empty(statistics.Blocks);
        Assert.Empty(statistics.Asns);
        Assert.Equal([1007], statistics.Skipped.FirstLineNumbers);
    }

    private static DelegatedStatistics Read(params string[] records)
    {
        var text = string.Join('\n', ["# a comment", "2|test|20200101|1|19830101|20200101|+0000", .. records]);
        return DelegatedStatisticsReader.Read(new StringReader(text));
    }
}
