using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Grains.Signals;

namespace Grid.Grains.Tests.Entities;

/// <summary>An entity's signal series, without a silo: what status and history show, and what survives the grain's state.</summary>
public sealed class EntitySignalsTests
{
    private static readonly DateTimeOffset At = new(2020, 8, 9, 21, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly SignalOptions Options = new() { Step = Minute, Retention = TimeSpan.FromDays(7) };
    private static readonly Dictionary<string, SignalDetectorState> NotJudged = new(StringComparer.Ordinal);

    [Fact]
    public void EveryEntityShowsBgpBgp6AndProbesBeforeAnyData()
    {
        var status = new EntitySignals(Options).Status(0, 0, NotJudged);

        Assert.Equal([SignalNames.Bgp, SignalNames.Bgp6, SignalNames.Probes], status.Keys);
        Assert.All(status.Values, s => Assert.Equal(new SignalStatus(0, null), s));
    }

    [Fact]
    public void AShardsReportIsRecordedAsTheFamilyItCounts()
    {
        var signals = new EntitySignals(Options);

        signals.RecordVisible(At, ipv4: true, 4_096);
        signals.RecordVisible(At + Minute, ipv4: false, 65_536);

        var readers = signals.Readers();
        Assert.Equal(4_096, readers[SignalNames.Bgp](At + Minute));
        Assert.Equal(65_536, readers[SignalNames.Bgp6](At + Minute));
        Assert.Null(readers[SignalNames.Bgp6](At));
        Assert.DoesNotContain(SignalNames.Probes, readers.Keys);
    }

    [Fact]
    public void StatusShowsWhatDetectionMadeOfEachSignalAndTheLatestBinsRttAndLoss()
    {
        var signals = new EntitySignals(Options);
        signals.Record(SignalNames.Probes, At, 700);
        signals.RecordProbeQuality(new ProbeBin(At, 700, 100, 0, 41.25, 0.0125, 2_400));
        var judged = new Dictionary<string, SignalDetectorState>(StringComparer.Ordinal)
        {
            [SignalNames.Probes] = new() { Level = DetectionLevel.Warning, Last = new SignalReading(SignalNames.Probes, 700, 1_000, 0.7, DetectionLevel.Warning) },
        };

        var probes = signals.Status(4_096, 0, judged)[SignalNames.Probes];

        Assert.Equal(new SignalStatus(700, At, 1_000, 0.7, DetectionLevel.Warning) { MedianRttMs = 41.25, Loss = 0.0125 }, probes);
    }

    [Fact]
    public void StatusShowsRttAndLossOnceMeasuredWithTheLevelDetectionGaveThem()
    {
        var signals = new EntitySignals(Options);
        Assert.DoesNotContain(SignalNames.ProbesRtt, signals.Status(0, 0, NotJudged).Keys);

        signals.Record(SignalNames.Probes, At, 700);
        signals.RecordProbeQuality(new ProbeBin(At, 700, 100, 0, 41.25, 0.0125, 2_400));
        // Throttled: RTT rose to twice its baseline while the probes held.
        var judged = new Dictionary<string, SignalDetectorState>(StringComparer.Ordinal)
        {
            [SignalNames.ProbesRtt] = new() { Level = DetectionLevel.Warning, Last = new SignalReading(SignalNames.ProbesRtt, 41_250, 20_000, 20_000 / 41_250.0, DetectionLevel.Warning) },
        };

        var status = signals.Status(4_096, 0, judged);

        Assert.Equal(new SignalStatus(41_250, At, 20_000, 20_000 / 41_250.0, DetectionLevel.Warning), status[SignalNames.ProbesRtt]);
        Assert.Equal(new SignalStatus(12_500, At), status[SignalNames.ProbesLoss]);
    }

    [Fact]
    public void ABinWithoutProbesKeepsTheLastMeasuredRttAndLossAndAnOlderBinChangesNothing()
    {
        var signals = new EntitySignals(Options);
        signals.RecordProbeQuality(new ProbeBin(At, 700, 100, 0, 41.25, 0.0125, 2_400));

        signals.RecordProbeQuality(new ProbeBin(At + (10 * Minute), 690, 110, 0, null, null, 0));
        signals.RecordProbeQuality(new ProbeBin(At - (10 * Minute), 1, 1, 1, 99, 0.5, 10));

        Assert.Equal(new ProbeBin(At + (10 * Minute), 690, 110, 0, 41.25, 0.0125, 0), signals.LatestProbes);
    }

    [Fact]
    public void HistoryCarriesRttAndLossOnlyOnceProbesWereRecorded()
    {
        var signals = new EntitySignals(Options);
        signals.RecordVisible(At, ipv4: true, 4_096);
        Assert.Equal([SignalNames.Bgp, SignalNames.Bgp6], signals.History(At, At + Minute, Minute).Keys);

        signals.Record(SignalNames.Probes, At, 700);
        signals.RecordProbeQuality(new ProbeBin(At, 700, 100, 0, 41.25, 0.0125, 2_400));
        var history = signals.History(At, At + Minute, Minute);

        Assert.Equal([SignalNames.Bgp, SignalNames.Bgp6, SignalNames.Probes, SignalNames.ProbesRtt, SignalNames.ProbesLoss], history.Keys);
        Assert.Equal(41_250, history[SignalNames.ProbesRtt][0].Value);
        Assert.Equal(12_500, history[SignalNames.ProbesLoss][0].Value);
    }

    [Fact]
    public void SeriesSavedIntoTheGrainsStateComeBackWhole()
    {
        var signals = new EntitySignals(Options);
        signals.RecordVisible(At, ipv4: true, 4_096);
        signals.RecordVisible(At + Minute, ipv4: true, 512);
        signals.RecordVisible(At, ipv4: false, 65_536);
        signals.Record(SignalNames.Probes, At, 700);
        signals.RecordProbeQuality(new ProbeBin(At, 700, 100, 0, 41.25, 0.0125, 2_400));
        var state = new EntityState();

        signals.SaveTo(state);
        var restored = new EntitySignals(Options);
        restored.Restore(state);

        Assert.Equal(Describe(signals.History(At, At + (2 * Minute), Minute)), Describe(restored.History(At, At + (2 * Minute), Minute)));
        Assert.Equal(signals.LatestProbes, restored.LatestProbes);
        Assert.Equal(2, state.Bgp.Count);
    }

    [Theory]
    [InlineData("bgp", true)]
    [InlineData("bgp6", true)]
    [InlineData("probes", false)]
    public void OnlyTheBgpSignalsAreComputedFromRoutes(string signal, bool computed)
    {
        Assert.Equal(computed, EntitySignals.IsComputed(signal));
    }

    private static string Describe(Dictionary<string, SignalPoint[]> history) =>
        string.Join("; ", history.Select(h => $"{h.Key}: {string.Join(' ', h.Value.Select(p => $"{p.At:HH:mm}={p.Value}"))}"));
}
