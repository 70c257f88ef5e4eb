using System.Text;
using Grid.Geography;
using Grid.Testing.Data;

namespace Grid.Grains.Tests.Geography;

public sealed class AsnTests
{
    private static readonly CountryCode Japan = CountryCode.Parse("JP");

    [Fact]
    public void ARunIsExpandedIntoEveryAsnOfIt()
    {
        var database = GeoDatabase.Create([], [new AsnBlock(2497, 32, Japan), new AsnBlock(173, 1, Japan)]);

        Assert.Equal([173u, .. Enumerable.Range(2497, 32).Select(asn => (uint)asn)], database.AsnsOf(Japan));
        Assert.Equal(Japan, database.CountryOfAsn(2528));
        Assert.Equal(CountryCode.Unknown, database.CountryOfAsn(2529));
        Assert.Equal(CountryCode.Unknown, database.CountryOfAsn(2496));
        Assert.Empty(database.AsnsOf(CountryCode.Parse("BY")));
        Assert.Equal(33, database.AsnCount);
    }

    [Fact]
    public void ARunEndingAtTheLastAsnStopsThere()
    {
        var database = GeoDatabase.Create([], [new AsnBlock(uint.MaxValue - 1, 2, Japan)]);

        Assert.Equal([uint.MaxValue - 1, uint.MaxValue], database.AsnsOf(Japan));
    }

    [Fact]
    public void OfTwoSourcesListingOneAsnTheFirstWins()
    {
        var database = GeoDatabase.Create([], [new AsnBlock(64500, 1, Japan), new AsnBlock(64500, 2, CountryCode.Parse("KR"))]);

        Assert.Equal(Japan, database.CountryOfAsn(64500));
        Assert.Equal("KR", database.CountryOfAsn(64501).ToString());
    }

    [Fact]
    public void TheSharedDataKnowsBeltelecomAndApnicsRuns()
    {
        var database = SharedGeography.Database;

        Assert.Equal("BY", database.CountryOfAsn(6697).ToString());
        Assert.StartsWith("BELPAK-AS", database.AsName(6697), StringComparison.Ordinal);
        Assert.Contains(6697u, database.AsnsOf(CountryCode.Parse("BY")));
        Assert.All(Enumerable.Range(2497, 32), asn => Assert.Equal(Japan, database.CountryOfAsn((uint)asn))); // apnic|JP|asn|2497|32
        Assert.Null(database.AsName(4_199_999_999));
    }

    [Theory]
    [InlineData("asn-country.afrinic.juerson-20240105.csv")]
    [InlineData("asn-country.apnic.juerson-20240105.csv")]
    [InlineData("asn-country.arin.juerson-20240105.csv")]
    [InlineData("asn-country.lacnic.juerson-20240105.csv")]
    [InlineData("asn-country.ripencc.juerson-20240105.csv")]
    public void AsnTablesHaveARowPerAsnAndRowsWithoutACountryAreNoErrors(string file)
    {
        var rows = File.ReadLines(SharedData.PathOf("rir", file)).Skip(1).Select(line => line.Split(',')).ToList();

        using var reader = File.OpenText(SharedData.PathOf("rir", file));
        var table = AsnCountryCsvReader.Read(reader);

        Assert.Equal(0, table.Skipped.Count);
        Assert.Equal(rows.Count(row => row[1] is not ("" or "ZZ")), table.Asns.Count);
        Assert.Equal(
            rows.Where(row => row[1] is not ("" or "ZZ")).Select(row => $"{row[2]} {row[1]}"),
            table.Asns.Select(run => $"AS{run.First} {run.Country}"));
    }

    [Fact]
    public void BrokenAsnRowsAreCounted()
    {
        var text = "RIR,Country Code,ASN Number,Allocated Date\nripencc,DE,AS28,19930901\nripencc,DE,ASx,1\nripencc,,AS5440,\nripencc,DEU,AS29,1\n3320,DE\n";

        var table = AsnCountryCsvReader.Read(new StringReader(text));

        Assert.Equal([28u], table.Asns.Select(run => run.First));
        Assert.Equal([3, 5, 6], table.Skipped.FirstLineNumbers);
    }

    [Fact]
    public void AsNamesAreReadAndBadEntriesCountedByPosition()
    {
        var json = """{"6697": "BELPAK-AS Beltelecom, BY", "AS3320": "DTAG, DE", "x": "nobody", "7": 7, "8": ""}""";

        var names = AsNamesJsonReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(2, names.Names.Count);
        Assert.Equal("DTAG, DE", names.Names[3320]);
        Assert.Equal([3, 4, 5], names.Skipped.FirstLineNumbers);
    }

    [Fact]
    public void PyasnsNamesFileIsReadWhole()
    {
        using var json = File.OpenRead(SharedData.PathOf("rir", "pyasn.asnames.json"));

        var names = AsNamesJsonReader.Read(json);

        Assert.Equal(77_586, names.Names.Count);
        Assert.Equal(0, names.Skipped.Count);
    }
}
