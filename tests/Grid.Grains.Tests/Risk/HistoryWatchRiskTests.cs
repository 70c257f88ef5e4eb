using Grid.Grains.Watch;
using Grid.Testing.Data;
using Grid.Testing.Logging;

namespace Grid.Grains.Tests.Risk;

/// <summary>How the silo reads <c>Grid:Watch:Stop</c>: what an operator sees in the log when the file is right, and when it is the wrong one.</summary>
public sealed class HistoryWatchRiskTests
{
    [Fact]
    public void TheRealStopFileIsReadAndNothingIsWarned()
    {
        var logger = new CollectingLogger();

        var rows = HistoryWatchRisk.LoadStop(SharedData.PathOf("shutdowns", "accessnow-stop-2016-2022.normalized.csv"), logger);

        Assert.True(rows.Count > 1_000, $"{rows.Count} rows");
        Assert.Empty(logger.Warnings);
    }

    [Fact]
    public void AFileWithNoStopRowIsWarnedAboutWithWhatToDo()
    {
        // ElectionGuide's calendar: a CSV, but not STOP's.
        var logger = new CollectingLogger();

        var rows = HistoryWatchRisk.LoadStop(SharedData.PathOf("elections", "electionguide.election_df.2021-03.csv"), logger);

        Assert.Empty(rows);
        var warning = Assert.Single(logger.Warnings);
        Assert.Contains("holds no row Grid can read", warning, StringComparison.Ordinal);
        Assert.Contains("point Grid:Watch:Stop at STOP's CSV", warning, StringComparison.Ordinal);
    }
}
