using Grid.Grains.Backtesting;
using Grid.Grains.Entities;
using Grid.Grains.Text;
using Grid.Testing.Data;

namespace Grid.Grains.Tests.Backtesting;

public sealed class TruthCsvTests
{
    [Fact]
    public void ReadsIodasInvestigatedOutagesWithTheirEntities()
    {
        var problems = new List<InputProblem>();
        using var reader = new StreamReader(SharedData.DataFile(Path.Combine("outages", "ioda_investigated_outages_cleaned_phase1+2.csv")));

        var outages = TruthCsv.Read(reader, "ioda.csv", problems);

        Assert.True(outages.Count > 1000, $"{outages.Count} outages, {problems.Count} left out: {string.Join("; ", problems.Take(3))}");
        Assert.True(problems.Count < outages.Count / 10, string.Join("; ", problems.Take(5)));
        // The file's first row: South Sudan, Region (Central Equitoria), 17 March 2021 16:40–17:40.
        var first = outages[0];
        Assert.True(EntityKey.TryRegion("SS-Central Equitoria", out var region));
        Assert.Equal(region, first.Entity);
        Assert.Equal(new DateTimeOffset(2021, 3, 17, 16, 40, 0, TimeSpan.Zero), first.Start);
        Assert.Equal(TimeSpan.FromHours(1), first.End - first.Start);
        Assert.Contains(outages, o => o.Entity.Kind == EntityKind.Country);
        Assert.Contains(outages, o => o.Entity.Kind == EntityKind.As);
    }

    [Fact]
    public void ReadsGridsOwnShapeAndNamesBadRows()
    {
        var problems = new List<InputProblem>();
        var outages = TruthCsv.Read(new StringReader("""
            entity,start,end,label
            country/BY,2020-08-09T20:00:00Z,2020-08-12T06:00:00Z,election
            country/BY,2020-08-12T06:00:00Z,2020-08-09T20:00:00Z,
            asn/6697,2020-08-09,soon,
            """), "truth.csv", problems);

        var outage = Assert.Single(outages);
        Assert.Equal("election", outage.Label);
        Assert.Equal([3L, 4L], problems.Select(p => p.Line));
        Assert.Contains("ends", problems[0].Problem, StringComparison.Ordinal);
    }
}
