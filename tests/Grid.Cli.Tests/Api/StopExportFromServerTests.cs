using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Cli.Tests.Api;

/// <summary>`grid stop export` reads a silo's GET /v1/events: the demo's dark BY, in its election, is one Belarus row.</summary>
[Collection(DemoSiloCollection.Name)]
public sealed class StopExportFromServerTests(DemoSilo silo)
{
    [Fact]
    public async Task TheDemoShutdownIsANationalBelarusRowAtAnElection()
    {
        string row = "";
        await Poll.UntilAsync("grid stop export lists BY", async () =>
        {
            var export = await GridAgainst.RunAsync(silo, "stop", "export", "--cc", DemoSilo.DarkCountry);
            Assert.True(export.ExitCode == 0, export.Output);
            row = export.StandardOutput.Split('\n').Skip(1).FirstOrDefault(l => l.Length > 0) ?? "";
            return row.Length > 0;
        }, TimeSpan.FromMinutes(4));

        var cells = row.Split(',');
        Assert.Equal("Belarus", cells[0]);
        // The demo's outage began minutes ago: today in UTC, or yesterday just after midnight.
        var start = DateOnly.ParseExact(cells[1], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(DateOnly.FromDateTime(DateTime.UtcNow).DayNumber - start.DayNumber, 0, 1);
        Assert.Equal(["National", "National", "Shutdown"], cells[3..6]);
        Assert.Contains(cells[6], new[] { "Full network", "Partial" });
        Assert.Equal("Yes", cells[7]);
    }
}
