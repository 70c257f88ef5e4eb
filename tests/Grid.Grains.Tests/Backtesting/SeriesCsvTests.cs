using Grid.Grains.Backtesting;
using Grid.Grains.Entities;
using Grid.Grains.Text;

namespace Grid.Grains.Tests.Backtesting;

public sealed class SeriesCsvTests
{
    [Fact]
    public void ReadsEveryTimeAndEntityFormInAnyColumnOrder()
    {
        var problems = new List<InputProblem>();
        var points = SeriesCsv.Read(new StringReader("""
            value,signal,entity,time,note
            12,probes,country/by,2021-02-15T01:00:00+06:30,x
            7.6,answers,asn/6697,1613325600,y
            3,answers,asn/AS6697,2021-02-14T18:30:00Z,
            1,answers,region/MM-Bago,2021-02-14 18:30:00,
            """), "s.csv", problems);

        Assert.Empty(problems);
        Assert.Equal(4, points.Count);
        Assert.Equal(new SeriesPoint(new DateTimeOffset(2021, 2, 14, 18, 30, 0, TimeSpan.Zero), EntityKey.Country(Grid.Geography.CountryCode.Parse("BY")), "probes", 12), points[0]);
        Assert.Equal(new DateTimeOffset(2021, 2, 14, 18, 0, 0, TimeSpan.Zero), points[1].At);
        Assert.Equal(8, points[1].Value);
        Assert.Equal(EntityKey.As(6697), points[2].Entity);
        // Without an offset a time is UTC.
        Assert.Equal(points[2].At, points[3].At);
        Assert.True(EntityKey.TryRegion("MM-BAGO", out var bago));
        Assert.Equal(bago, points[3].Entity);
        Assert.Equal("region/MM-BAGO", SeriesEntity.Location(points[3].Entity));
    }

    [Fact]
    public void ABadRowIsNamedByItsLineAndTheRestIsKept()
    {
        var problems = new List<InputProblem>();
        var points = SeriesCsv.Read(new StringReader("""
            time,entity,signal,value
            2021-02-15T01:00:00Z,country/BY,probes,5
            yesterday,country/BY,probes,5
            2021-02-15T01:00:00Z,BY,probes,5
            2021-02-15T01:00:00Z,country/BY,bgp,5
            2021-02-15T01:00:00Z,country/BY,probes,five
            2021-02-15T01:00:00Z,country/BY,probes
            2021-02-15T02:00:00Z,region/Bago,probes,5
            2021-02-15T03:00:00Z,country/BY,probes,6
            """), "s.csv", problems);

        Assert.Equal([5L, 6L], points.Select(p => p.Value));
        Assert.Equal([3L, 4L, 5L, 6L, 7L, 8L], problems.Select(p => p.Line));
        Assert.StartsWith("s.csv:3: 'yesterday' is not a time", problems[0].ToString(), StringComparison.Ordinal);
        Assert.Contains("write country/BY", problems[1].Problem, StringComparison.Ordinal);
        Assert.Contains("--signal bgp-series=bgp", problems[2].Problem, StringComparison.Ordinal);
        Assert.Contains("not a number", problems[3].Problem, StringComparison.Ordinal);
        Assert.Contains("region/MM-02", problems[5].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWithoutTheHeaderSaysWhichColumnsItNeeds()
    {
        var problems = new List<InputProblem>();
        var points = SeriesCsv.Read(new StringReader("when,who,what\n1,2,3\n"), "s.csv", problems);

        Assert.Empty(points);
        Assert.Equal("s.csv:1: the header is 'when,who,what'; a series needs the columns time,entity,signal,value", Assert.Single(problems).ToString());
    }

    [Fact]
    public void ReadingStopsAfterTheBoundAndSaysWhere()
    {
        var problems = new List<InputProblem>();
        var lines = new List<long>();
        var points = SeriesCsv.Read(new StringReader("time,entity,signal,value\n1,country/BY,probes,1\n\n2,country/BY,probes,2\n3,country/BY,probes,3\n"), "s.csv", problems, lines, maxRows: 2);

        Assert.Equal([1L, 2L], points.Select(p => p.Value));
        Assert.Equal([2L, 4L], lines);
        Assert.StartsWith("s.csv:5: more than 2 rows", Assert.Single(problems).ToString(), StringComparison.Ordinal);
    }
}
