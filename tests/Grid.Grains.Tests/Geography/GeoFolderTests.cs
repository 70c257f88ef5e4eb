using Grid.Bgp.Model;
using Grid.Geography;
using Grid.Testing.Data;
using Grid.Testing.Logging;

namespace Grid.Grains.Tests.Geography;

public sealed class GeoFolderTests
{
    private const string Afrinic2024 = "delegated-afrinic-extended-latest.juerson-20240105";
    private const string Afrinic2026 = "delegated-afrinic-extended-latest.IPToCC-2026";
    private const string Lacnic = "delegated-lacnic-extended-latest.juerson-20240105";

    [Fact]
    public void AMissingFolderSaysWhatToDo()
    {
        using var parent = new TemporaryDirectory();
        var missing = parent.PathOf("geo");

        var error = Assert.Throws<GeoDataNotFoundException>(() => GeoDatabase.Load(missing));

        Assert.Equal($"RIR data not found in {missing}: set Grid:Geo:Dir or run `grid geo fetch`", error.Message);
    }

    [Fact]
    public void AFolderWithNothingRecognisableIsMissingDataToo()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.PathOf("README.md"), "nothing here");
        File.WriteAllText(folder.PathOf(".delegated-ripencc-extended-latest.partial"), "half a download");

        Assert.Throws<GeoDataNotFoundException>(() => GeoDatabase.Load(folder.Path));
    }

    [Fact]
    public void OneRegistrysFileAloneGivesEachCountryExactlyItsRecords()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Link(SharedData.PathOf("rir", Lacnic));
        var raw = new RawStatistics(path);

        var attributed = AddressSpace.AttributedTo(GeoDatabase.Load(folder.Path), AddressSpace.AllIPv4);

        foreach (var country in new[] { "BR", "AR", "MX", "CL" })
        {
            Assert.Equal(raw.Total("ipv4", country), attributed[CountryCode.Parse(country)]);
        }
    }

    [Fact]
    public void OnlyTheNewestFileOfARegistryIsUsed()
    {
        using var folder = new TemporaryDirectory();
        folder.Link(SharedData.PathOf("rir", Afrinic2024));
        var newest = folder.Link(SharedData.PathOf("rir", Afrinic2026));
        var logger = new CollectingLogger();

        var database = GeoDatabase.Load(folder.Path, logger);

        var raw = new RawStatistics(newest);
        Assert.Equal(raw.Total("asn"), database.AsnCount);
        Assert.Equal(raw.Total("ipv4", "ZA"), AddressSpace.AttributedTo(database, AddressSpace.AllIPv4)[CountryCode.Parse("ZA")]);
        Assert.Contains(logger.Entries, entry => entry.Message.Contains(Afrinic2024, StringComparison.Ordinal)
            && entry.Message.Contains("is not used", StringComparison.Ordinal));
    }

    [Fact]
    public void TheRegistrysOwnFileWinsOverOtherTablesForTheSamePrefixAndAsn()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllLines(folder.PathOf("delegated-ripencc-extended-20240101"),
        [
            "2|ripencc|20240101|2|19830705|20240101|+0100",
            "ripencc|DE|ipv4|192.0.2.0|256|20000101|allocated|x",
            "ripencc|DE|asn|64500|1|20000101|allocated|x",
        ]);
        File.WriteAllLines(folder.PathOf("prefixes.csv"), ["prefix,country", "192.0.2.0/24,FR", "192.0.2.0/26,IT"]);
        File.WriteAllLines(folder.PathOf("asns.csv"), ["RIR,Country Code,ASN Number,Allocated Date", "ripencc,FR,AS64500,1", "ripencc,FR,AS64501,1"]);

        var database = GeoDatabase.Load(folder.Path);

        Assert.Equal("DE", database.CountryOf(Prefix.Parse("192.0.2.128/25")).ToString());
        Assert.Equal("IT", database.CountryOf(Prefix.Parse("192.0.2.0/26")).ToString()); // more specific still wins
        Assert.Equal("DE", database.CountryOfAsn(64500).ToString());
        Assert.Equal("FR", database.CountryOfAsn(64501).ToString());
    }

    [Fact]
    public void BadLinesAndUnreadableFilesAreLoggedAndTheRestLoads()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllLines(folder.PathOf("delegated-apnic-extended-20240101"),
        [
            "2|apnic|20240101|4|19830613|20240101|+1000",
            "apnic|JP|ipv4|1.0.16.0|4096|20110412|allocated|A92E1062",
            "apnic|JP|ipv4|1.0.32|4096|20110412|allocated|A92E1062",
            "apnic|JP|ipv4|1.0.64.0|4096|20110412|allocated|A92E1062",
            "apnic|JP|ipv99|1.0.80.0|4096|20110412|allocated|A92E1062",
        ]);
        File.WriteAllText(folder.PathOf("pyasn.asnames.json"), "{\"6697\": \"BELPAK-AS\", ");
        File.WriteAllBytes(folder.PathOf("ipverse.tar.gz"), [0x1f, 0x8b, 0x08, 0x00, 0x42]);
        var logger = new CollectingLogger();

        var database = GeoDatabase.Load(folder.Path, logger);

        Assert.Equal("JP", database.CountryOf(Prefix.Parse("1.0.64.0/20")).ToString());
        Assert.Equal(2, database.IPv4BlockCount);
        Assert.Contains(logger.Warnings, warning => warning.Contains("Skipped 2 unreadable lines", StringComparison.Ordinal)
            && warning.Contains("delegated-apnic-extended-20240101: 2 (lines 3, 5)", StringComparison.Ordinal));
        Assert.Contains(logger.Warnings, warning => warning.Contains("pyasn.asnames.json, left out", StringComparison.Ordinal));
        Assert.Contains(logger.Warnings, warning => warning.Contains("ipverse.tar.gz, left out", StringComparison.Ordinal));
    }

    [Fact]
    public void CompressedStatisticsFilesAreReadToo()
    {
        using var folder = new TemporaryDirectory();
        using (var output = new System.IO.Compression.GZipStream(File.Create(folder.PathOf(Lacnic + ".gz")), System.IO.Compression.CompressionLevel.Fastest))
        using (var input = File.OpenRead(SharedData.PathOf("rir", Lacnic)))
        {
            input.CopyTo(output);
        }

        var database = GeoDatabase.Load(folder.Path);

        Assert.Equal("BR", database.CountryOf(Prefix.Parse("200.160.0.0/20")).ToString());
    }

    [Fact]
    public void InTheSharedDataBelarusHasExactlyItsIpverseSpace()
    {
        // Belarus is RIPE NCC space, which only ipverse covers here, and no other source claims any of it.
        var listed = File.ReadLines(SharedData.PathOf("rir", "ipverse-prefix-country.csv"))
            .Where(line => line.EndsWith(",BY", StringComparison.Ordinal))
            .Select(line => Prefix.Parse(line[..line.IndexOf(',', StringComparison.Ordinal)]))
            .ToList();

        var database = SharedGeography.Database;

        var belarus = CountryCode.Parse("BY");
        Assert.Equal(AddressSpace.SizeOf(listed.Where(prefix => prefix.IsIPv4)), AddressSpace.AttributedTo(database, AddressSpace.AllIPv4)[belarus]);
        Assert.Equal(AddressSpace.SizeOf(listed.Where(prefix => !prefix.IsIPv4)), AddressSpace.AttributedTo(database, AddressSpace.AllIPv6)[belarus]);
    }
}
