using Grid.Cli.Tests.Backtesting;
using Grid.Testing.Data;

namespace Grid.Cli.Tests.Shutdowns;

/// <summary>
/// One real backtest for the STOP tests: the Monash IP Observatory's answers from Bago, Myanmar
/// (9 February to 14 May 2021), converted and judged by `grid backtest --json` with the settings of
/// <see cref="MyanmarNightlyCutsTests"/>; its CODF lines are the events the STOP commands read.
/// </summary>
public sealed class BagoBacktest : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("grid-stop-").FullName;

    public string EventsFile => Path.Combine(Directory, "bago-events.jsonl");

    public static string StopFile => SharedData.DataFile(Path.Combine("shutdowns", "accessnow-stop-2016-2022.normalized.csv"));

    public async Task InitializeAsync()
    {
        var series = Path.Combine(Directory, "bago.csv");
        var converted = await GridExecutable.RunAsync("convert", "monash", SharedData.DataFile(Path.Combine("outages", "monash.mmr-2021-04-09_Bago.csv")), "--offset", "+06:30", "--output", series);
        Assert.True(converted.ExitCode == 0, converted.StandardError);
        var judged = await GridExecutable.RunAsync(["backtest", "--series", series, .. MyanmarNightlyCutsTests.Settings, "--json"]);
        Assert.True(judged.ExitCode == 0, judged.StandardError);
        await File.WriteAllTextAsync(EventsFile, judged.StandardOutput);
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}
