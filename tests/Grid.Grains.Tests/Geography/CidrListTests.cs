using System.Formats.Tar;
using System.IO.Compression;
using Grid.Bgp.Model;
using Grid.Geography;
using Grid.Testing.Data;

namespace Grid.Grains.Tests.Geography;

public sealed class CidrListTests
{
    private static readonly string Archive =
        Directory.GetFiles(SharedData.PathOf("rir"), "ipverse-country-ip-blocks.*.tar.gz").Single();

    [Fact]
    public void TheArchiveHoldsBothFamiliesOfEveryCountryFolder()
    {
        var lists = CidrListArchiveReader.Read(Archive);

        // 237 country folders; six of them (small islands) have no IPv6 list.
        Assert.Equal(237 + 231, lists.Count);
        Assert.All(lists, list => Assert.StartsWith("country/", list.Entry, StringComparison.Ordinal));
        Assert.All(lists, list => Assert.Equal(0, list.List.Skipped.Count));
    }

    [Fact]
    public void BelarusHasEveryPrefixOfItsListAndNoOther()
    {
        using var unpacked = Unpack();
        var listed = File.ReadLines(Path.Combine(unpacked.Path, "country", "by", "ipv4-aggregated.txt"))
            .Where(line => line.Length > 0 && line[0] != '#').Select(Prefix.Parse).ToList();

        var belarus = CidrListArchiveReader.Read(Archive).Single(list => list.Entry == "country/by/ipv4-aggregated.txt").List.Blocks;

        Assert.True(listed.Count > 100);
        Assert.Equal(listed, belarus.Select(block => block.Prefix));
        Assert.All(belarus, block => Assert.Equal("BY", block.Country.ToString()));
    }

    [Fact]
    public void TheUnpackedFolderTheArchiveAndTheCsvSayTheSame()
    {
        using var unpacked = Unpack();
        var fromArchive = CidrListArchiveReader.Read(Archive).SelectMany(list => list.List.Blocks).ToHashSet();
        var csv = PrefixCountryCsvReader.Read(File.OpenText(SharedData.PathOf("rir", "ipverse-prefix-country.csv")));

        var fromFolder = GeoDatabase.Load(unpacked.Path);
        var fromCsvAlone = GeoDatabase.Create(csv.Blocks);

        Assert.Equal(0, csv.Skipped.Count);
        Assert.True(fromArchive.SetEquals(csv.Blocks));
        Assert.Equal(fromCsvAlone.IPv4BlockCount, fromFolder.IPv4BlockCount);
        Assert.Equal(fromCsvAlone.IPv6BlockCount, fromFolder.IPv6BlockCount);
        Assert.Equal(AddressSpace.AttributedTo(fromCsvAlone, AddressSpace.AllIPv4), AddressSpace.AttributedTo(fromFolder, AddressSpace.AllIPv4));
    }

    [Fact]
    public void CommentsAndBlankLinesAreSkippedAndBadLinesCounted()
    {
        var text = "# Country: Belarus (BY)\n#\n5.100.192.0/19\n\n5.100.300.0/19\n37.17.0.0/33\n37.17.0/17\n2001:67c:57c::/48\n";

        var list = CidrListReader.Read(new StringReader(text), CountryCode.Parse("BY"));

        Assert.Equal(["5.100.192.0/19", "2001:67c:57c::/48"], list.Blocks.Select(block => block.Prefix.ToString()));
        Assert.Equal([5, 6, 7], list.Skipped.FirstLineNumbers);
    }

    [Fact]
    public void PrefixCsvRowsWithoutACountryAreDroppedAndBrokenRowsCounted()
    {
        var text = "prefix,country\n46.172.224.0/19,AD\n10.0.0.0/8,ZZ\n46.175.156.0/22\nnot a prefix,AD\n2a01:fb00::/29, ad \n";

        var list = PrefixCountryCsvReader.Read(new StringReader(text));

        Assert.Equal(["46.172.224.0/19", "2a01:fb00::/29"], list.Blocks.Select(block => block.Prefix.ToString()));
        Assert.All(list.Blocks, block => Assert.Equal("AD", block.Country.ToString()));
        Assert.Equal([4, 5], list.Skipped.FirstLineNumbers);
    }

    [Theory]
    [InlineData("country/by/ipv4-aggregated.txt", "BY")]
    [InlineData("/data/geo/ad/ipv6-aggregated.txt", "AD")]
    [InlineData("country/zz/ipv4-aggregated.txt", null)]
    [InlineData("country/europe/ipv4-aggregated.txt", null)]
    [InlineData("ipv4-aggregated.txt", null)]
    public void AListsCountryIsItsFolderName(string path, string? country)
    {
        var found = CidrListReader.TryCountryOfPath(path, out var code);

        Assert.Equal(country, found ? code.ToString() : null);
    }

    private static TemporaryDirectory Unpack()
    {
        var folder = new TemporaryDirectory("grid-ipverse-");
        using var gzip = new GZipStream(File.OpenRead(Archive), CompressionMode.Decompress);
        TarFile.ExtractToDirectory(gzip, folder.Path, overwriteFiles: false);
        return folder;
    }
}
