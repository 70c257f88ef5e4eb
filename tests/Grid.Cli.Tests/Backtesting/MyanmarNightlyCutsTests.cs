using System.Globalization;
using System.Text.Json;
using Grid.Testing.Data;

namespace Grid.Cli.Tests.Backtesting;

/// <summary>
/// Myanmar cut mobile and then fixed internet every night from 14/15 February to 27/28 April 2021,
/// from about 01:00 to 09:00 in Yangon (UTC+06:30). The Monash IP Observatory's answers from Bago
/// show it; converted to answering addresses per hour and backtested, Grid must find those nights
/// and nothing in the daytime or after the cuts ended.
/// </summary>
public sealed class MyanmarNightlyCutsTests : IDisposable
{
    private static readonly TimeSpan Yangon = new(6, 30, 0);

    /// <summary>
    /// The settings for a sparse hourly count (about 7 answers an hour by day), each for a reason:
    /// MinBaseline 3, since the baseline is about 6; WarmUp a day, so the first calls have a day's
    /// baseline; Warning 0.3 and Critical 0.15, since an hour of 7 Poisson-like answers often holds
    /// half that by chance but rarely under a third; MinDuration 3 h, since one or two quiet hours
    /// happen by chance and the cuts lasted 5 to 8; Recovery 1 h, one whole hour back.
    /// </summary>
    public static readonly string[] Settings =
    [
        "--signal", "answers=probes",
        "--config", "Grid:Detection:Signals:answers:MinBaseline=3",
        "--config", "Grid:Detection:Signals:answers:WarmUp=1.00:00:00",
        "--config", "Grid:Detection:Signals:answers:Warning=0.3",
        "--config", "Grid:Detection:Signals:answers:Critical=0.15",
        "--config", "Grid:Detection:Signals:answers:MinDuration=03:00:00",
        "--config", "Grid:Detection:Signals:answers:Recovery=01:00:00",
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("grid-backtest-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task TheNightsAreFoundAndNothingElse()
    {
        var series = await ConvertAsync();
        var result = await GridExecutable.RunAsync(["backtest", "--series", series, .. Settings, "--json"]);
        Assert.True(result.ExitCode == 0, result.StandardError);

        var starts = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(e => (Location: e.GetProperty("location").GetString(), Level: e.GetProperty("level").GetString(), Start: e.GetProperty("startTime").GetDateTimeOffset().ToOffset(Yangon)))
            .ToList();
        Assert.All(starts, e => Assert.Equal("region/MM-BAGO", e.Location));
        Assert.All(starts, e => Assert.Contains(e.Level, new[] { "warning", "critical" }));

        var nights = Nights().ToList();
        var found = nights.Count(night => starts.Any(e => Math.Abs((e.Start - night).TotalHours) <= 2));
        Assert.True(found >= Math.Ceiling(0.9 * nights.Count), $"found {found} of {nights.Count} nights");

        // Nothing starts between 10:00 and 23:00 local, and nothing after the last cut.
        Assert.DoesNotContain(starts, e => e.Start.Hour is >= 10 and < 23);
        Assert.DoesNotContain(starts, e => e.Start > new DateTimeOffset(2021, 4, 28, 12, 0, 0, Yangon));
    }

    [Fact]
    public async Task TheScoreAgainstTheNightsIsPrinted()
    {
        var series = await ConvertAsync();
        var truth = Path.Combine(_directory, "nights.csv");
        await File.WriteAllLinesAsync(truth, Nights().Select(n => string.Create(CultureInfo.InvariantCulture, $"region/MM-Bago,{n:O},{n.AddHours(8):O},night cut")).Prepend("entity,start,end,label"));

        var result = await GridExecutable.RunAsync(["backtest", "--series", series, .. Settings, "--truth", truth]);

        Assert.True(result.ExitCode == 0, result.StandardError);
        var all = result.StandardOutput.Split('\n').Single(line => line.Contains("│ all ", StringComparison.Ordinal) || line.TrimStart().StartsWith("│ all", StringComparison.Ordinal));
        var cells = all.Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        // entity, outages, found, recall, events, precision, …
        Assert.Equal("72", cells[1]);
        Assert.True(int.Parse(cells[2], CultureInfo.InvariantCulture) >= 65, all);
        Assert.Equal("100 %", cells[5]);
    }

    /// <summary>01:00 local of each night from 14/15 February to 27/28 April 2021.</summary>
    private static IEnumerable<DateTimeOffset> Nights()
    {
        for (var night = new DateTimeOffset(2021, 2, 15, 1, 0, 0, Yangon); night <= new DateTimeOffset(2021, 4, 27, 1, 0, 0, Yangon); night = night.AddDays(1))
        {
            yield return night;
        }
    }

    private async Task<string> ConvertAsync()
    {
        var series = Path.Combine(_directory, "bago.csv");
        var converted = await GridExecutable.RunAsync("convert", "monash", SharedData.DataFile(Path.Combine("outages", "monash.mmr-2021-04-09_Bago.csv")), "--offset", "+06:30", "--output", series);
        Assert.True(converted.ExitCode == 0, converted.StandardError);
        return series;
    }
}
