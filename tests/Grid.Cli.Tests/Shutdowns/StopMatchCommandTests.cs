using System.Text.Json;

namespace Grid.Cli.Tests.Shutdowns;

/// <summary>
/// `grid stop match` on a real backtest's events against Access Now's STOP file. STOP lists
/// Myanmar's "near country-wide" shutdown of 14 February to 27 April 2021, which Bago's nightly cuts
/// are part of; it also lists the countrywide cut of 6–7 February, before the Monash series begins
/// (9 February) and its day of warm-up, so Grid could not see it.
/// </summary>
public sealed class StopMatchCommandTests(BagoBacktest backtest) : IClassFixture<BagoBacktest>
{
    [Fact]
    public async Task TheNightlyCutsMatchTheNearCountryWideRowAndTheFebruaryCutIsOnlyStops()
    {
        var result = await GridExecutable.RunAsync("stop", "match", "--events", backtest.EventsFile, "--stop", BagoBacktest.StopFile, "--cc", "MM", "--from", "2021-02-01", "--to", "2021-05-14", "--json");

        Assert.True(result.ExitCode == 0, result.Output);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        var events = File.ReadAllLines(backtest.EventsFile).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToHashSet();

        var nights = Assert.Single(root.GetProperty("matched").EnumerateArray(), m => Start(m.GetProperty("stop")) == "2021-02-14");
        Assert.Equal("Myanmar", nights.GetProperty("stop").GetProperty("country").GetString());
        Assert.Equal("national", nights.GetProperty("stop").GetProperty("scope").GetString());
        var matchedIds = nights.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.NotEmpty(matchedIds);
        Assert.All(matchedIds, id => Assert.Contains(id, events));
        Assert.All(nights.GetProperty("events").EnumerateArray(), e => Assert.Equal("region/MM-BAGO", e.GetProperty("location").GetString()));

        var february = Assert.Single(root.GetProperty("stopOnly").EnumerateArray(), r => Start(r) == "2021-02-06");
        Assert.Equal("Countrywide shutdown", february.GetProperty("areaName").GetString());
        // Nothing outside the days asked for, nothing of another country.
        Assert.DoesNotContain(root.GetProperty("stopOnly").EnumerateArray(), r => Start(r) == "2021-06-04");
        Assert.All(root.GetProperty("stopOnly").EnumerateArray(), r => Assert.Equal("MM", r.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task TheTablesNameTheThreeListsAndTheRangeGoesToStandardError()
    {
        var result = await GridExecutable.RunAsync("stop", "match", "--events", backtest.EventsFile, "--stop", BagoBacktest.StopFile, "--cc", "MM", "--from", "2021-02-01", "--to", "2021-05-14");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("matched: STOP rows Grid saw", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("only STOP: rows Grid did not see", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(result.StandardOutput.Split('\n'), line => line.Contains("2021-02-06", StringComparison.Ordinal) && line.Contains("Countrywide shutdown", StringComparison.Ordinal));
        Assert.Contains("grid: 2021-02-01 to 2021-05-14:", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportedRowsAreStopRowsThatMatchTheirOwnEvents()
    {
        var export = await GridExecutable.RunAsync("stop", "export", "--events", backtest.EventsFile);
        Assert.True(export.ExitCode == 0, export.Output);
        var lines = export.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("country,start_date,end_date,geo_scope,area_name,shutdown_type,shutdown_extent,election", lines[0]);
        Assert.Equal(File.ReadAllLines(backtest.EventsFile).Count(l => l.Length > 0), lines.Length - 1);
        // A region's event: Regional, the region's name, a shutdown (the backtest names no mechanism).
        Assert.All(lines.Skip(1), line => Assert.StartsWith("Myanmar,2021-", line, StringComparison.Ordinal));
        Assert.All(lines.Skip(1), line => Assert.Contains(",Regional,Bago,Shutdown,", line, StringComparison.Ordinal));

        var exported = Path.Combine(backtest.Directory, "exported.csv");
        await File.WriteAllTextAsync(exported, export.StandardOutput);
        var again = await GridExecutable.RunAsync("stop", "match", "--events", backtest.EventsFile, "--stop", exported, "--json");

        Assert.True(again.ExitCode == 0, again.Output);
        using var json = JsonDocument.Parse(again.StandardOutput);
        Assert.Equal(0, json.RootElement.GetProperty("gridOnly").GetArrayLength());
        Assert.Equal(0, json.RootElement.GetProperty("stopOnly").GetArrayLength());
        Assert.NotEqual(0, json.RootElement.GetProperty("matched").GetArrayLength());
    }

    [Fact]
    public async Task ALineThatIsNotAnEventIsNamedAndTheRestIsUsed()
    {
        var file = Path.Combine(backtest.Directory, "damaged.jsonl");
        var first = File.ReadLines(backtest.EventsFile).First();
        await File.WriteAllLinesAsync(file, [first, "{\"location\": \"planet/mars\"}", "not json"]);

        var result = await GridExecutable.RunAsync("stop", "export", "--events", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{file}:2: 'planet/mars' is not an entity", result.StandardError, StringComparison.Ordinal);
        Assert.Contains($"{file}:3: not a CODF event", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static string? Start(JsonElement row) => row.GetProperty("startDate").GetString();
}
