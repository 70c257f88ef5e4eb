using Grid.Grains.Detection;
using Grid.Grains.Signals;

namespace Grid.Grains.Entities;

/// <summary>
/// The signal series of one entity, each a <see cref="SignalSeries"/> at Grid:Signals:Step: its
/// visible IPv4 /24s (<c>bgp</c>) and IPv6 /48s (<c>bgp6</c>), the signals recorded by name
/// (<c>probes</c>: /24s up), and the probes' median RTT and loss beside them (judged for rises). Detection reads them
/// (<see cref="Readers"/>); status and history show them; the grain restores them from its state
/// and saves them into it.
/// </summary>
public sealed class EntitySignals(SignalOptions options)
{
    private readonly SignalSeries _bgp = new(options.Step, options.Retention);
    private readonly SignalSeries _bgp6 = new(options.Step, options.Retention);
    private readonly Dictionary<string, SignalSeries> _recorded = new(StringComparer.Ordinal);
    // RTT and loss describe the probes signal: judged for rises (Readers), shown beside probes in status, so they stay out of _recorded.
    private readonly SignalSeries _probesRtt = new(options.Step, options.Retention);
    private readonly SignalSeries _probesLoss = new(options.Step, options.Retention);

    /// <summary>The latest probing bin as summed, so status shows RTT and loss unrounded (those of the latest bin with probes).</summary>
    public ProbeBin? LatestProbes { get; private set; }

    /// <summary>True for <c>bgp</c> and <c>bgp6</c>: they are computed from routes, never recorded by name.</summary>
    public static bool IsComputed(string signal) => signal is SignalNames.Bgp or SignalNames.Bgp6;

    public void Restore(EntityState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _bgp.Restore(state.Bgp);
        _bgp6.Restore(state.Bgp6);
        foreach (var (name, points) in state.Recorded)
        {
            SeriesOf(name).Restore(points);
        }

        _probesRtt.Restore(state.ProbesRtt);
        _probesLoss.Restore(state.ProbesLoss);
        LatestProbes = state.LatestProbes;
    }

    public void SaveTo(EntityState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Bgp = [.. _bgp.Points];
        state.Bgp6 = [.. _bgp6.Points];
        state.Recorded = _recorded.ToDictionary(r => r.Key, r => r.Value.Points.ToList(), StringComparer.Ordinal);
        state.ProbesRtt = [.. _probesRtt.Points];
        state.ProbesLoss = [.. _probesLoss.Points];
        state.LatestProbes = LatestProbes;
    }

    /// <summary>Records the visible space of the family a shard's report changed: /24s as <c>bgp</c>, /48s as <c>bgp6</c>.</summary>
    public void RecordVisible(DateTimeOffset at, bool ipv4, long blocks) => (ipv4 ? _bgp : _bgp6).Record(at, blocks);

    /// <summary>Records a signal other than BGP by name (<see cref="IsComputed"/> ones are refused by the grain).</summary>
    public void Record(string signal, DateTimeOffset at, long value) => SeriesOf(signal).Record(at, value);

    /// <summary>Records a named signal's point older than its latest, at its own step (<see cref="SignalSeries.Insert"/>).</summary>
    public void RecordLate(string signal, DateTimeOffset at, long value) => SeriesOf(signal).Insert(at, value);

    /// <summary>
    /// Records the RTT (µs) and loss (ppm) of a summed bin; its blocks up are the <c>probes</c> signal,
    /// recorded by name. Status shows <paramref name="settled"/> (by default the bin itself): the newest
    /// bin whose parts are all in (<see cref="EntityProbes.Settled"/>).
    /// </summary>
    public void RecordProbeQuality(ProbeBin bin, ProbeBin? settled = null)
    {
        ArgumentNullException.ThrowIfNull(bin);
        if (bin.MedianRttMs is { } rtt)
        {
            _probesRtt.Record(bin.At, (long)Math.Round(rtt * 1000));
        }

        if (bin.Loss is { } loss)
        {
            _probesLoss.Record(bin.At, (long)Math.Round(loss * 1_000_000));
        }

        settled ??= bin;
        var previous = LatestProbes;
        if (previous is not null && previous.At > settled.At)
        {
            return;
        }

        // Bins close on the clock, not after rounds: a bin no probe of this entity fell into (a round
        // that overran the one before) says nothing of RTT or loss, so status keeps the last measured.
        LatestProbes = settled.Probes == 0 && previous is not null ? settled with { MedianRttMs = previous.MedianRttMs, Loss = previous.Loss } : settled;
    }

    /// <summary>Each judged signal's value in force at an instant (null before its first point): what detection reads.</summary>
    public Dictionary<string, Func<DateTimeOffset, long?>> Readers()
    {
        var readers = new Dictionary<string, Func<DateTimeOffset, long?>>(StringComparer.Ordinal)
        {
            [SignalNames.Bgp] = _bgp.ValueAt,
            [SignalNames.Bgp6] = _bgp6.ValueAt,
        };
        foreach (var (signal, series) in _recorded)
        {
            readers[signal] = series.ValueAt;
        }

        // RTT and loss are judged for rises (throttling), from the prober's bins; a series POSTed under
        // the same name (a backtest of someone's RTT) is judged instead, as the one given.
        readers.TryAdd(SignalNames.ProbesRtt, _probesRtt.ValueAt);
        readers.TryAdd(SignalNames.ProbesLoss, _probesLoss.ValueAt);
        return readers;
    }

    /// <summary>
    /// Each signal's value with what detection last made of it (<paramref name="judged"/>): bgp and
    /// bgp6 from the visible space, the recorded ones from their latest points, probes from the
    /// latest settled bin with its RTT and loss. Every entity shows probes, so pollers find the same shape before probing starts.
    /// </summary>
    public Dictionary<string, SignalStatus> Status(long ipv4Blocks, long ipv6Blocks, IReadOnlyDictionary<string, SignalDetectorState> judged)
    {
        ArgumentNullException.ThrowIfNull(judged);
        var signals = new Dictionary<string, SignalStatus>(StringComparer.Ordinal)
        {
            [SignalNames.Bgp] = StatusOf(SignalNames.Bgp, ipv4Blocks, _bgp, judged),
            [SignalNames.Bgp6] = StatusOf(SignalNames.Bgp6, ipv6Blocks, _bgp6, judged),
        };
        foreach (var (signal, series) in _recorded)
        {
            signals[signal] = StatusOf(signal, series.Latest?.Value ?? 0, series, judged);
        }

        // RTT and loss are judged (a rise alone makes an entity "warning": throttling), so status
        // shows them as soon as a bin measured them, or a level would have no signal to explain it.
        if (_probesRtt.Latest is { } rtt)
        {
            signals.TryAdd(SignalNames.ProbesRtt, StatusOf(SignalNames.ProbesRtt, rtt.Value, _probesRtt, judged));
        }

        if (_probesLoss.Latest is { } lost)
        {
            signals.TryAdd(SignalNames.ProbesLoss, StatusOf(SignalNames.ProbesLoss, lost.Value, _probesLoss, judged));
        }

        if (LatestProbes is { } probes && signals.TryGetValue(SignalNames.Probes, out var probing))
        {
            signals[SignalNames.Probes] = probing with { Value = probes.BlocksUp, At = probes.At, MedianRttMs = probes.MedianRttMs, Loss = probes.Loss };
        }

        signals.TryAdd(SignalNames.Probes, new SignalStatus(0, null));
        return signals;
    }

    /// <summary>Every series resampled to <paramref name="resolution"/> over [<paramref name="from"/>, <paramref name="until"/>]; RTT and loss once probes were recorded.</summary>
    public Dictionary<string, SignalPoint[]> History(DateTimeOffset from, DateTimeOffset until, TimeSpan resolution)
    {
        var signals = new Dictionary<string, SignalPoint[]>(StringComparer.Ordinal)
        {
            [SignalNames.Bgp] = [.. _bgp.Resample(from, until, resolution)],
            [SignalNames.Bgp6] = [.. _bgp6.Resample(from, until, resolution)],
        };
        foreach (var (signal, series) in _recorded)
        {
            signals[signal] = [.. series.Resample(from, until, resolution)];
        }

        if (_recorded.ContainsKey(SignalNames.Probes))
        {
            signals[SignalNames.ProbesRtt] = [.. _probesRtt.Resample(from, until, resolution)];
            signals[SignalNames.ProbesLoss] = [.. _probesLoss.Resample(from, until, resolution)];
        }

        return signals;
    }

    private static SignalStatus StatusOf(string signal, long value, SignalSeries series, IReadOnlyDictionary<string, SignalDetectorState> judged)
    {
        var reading = judged.GetValueOrDefault(signal);
        return new SignalStatus(value, series.Latest?.At, reading?.Last?.Baseline, reading?.Last?.Ratio, reading?.Level ?? DetectionLevel.Unknown);
    }

    private SignalSeries SeriesOf(string signal)
    {
        if (!_recorded.TryGetValue(signal, out var series))
        {
            _recorded[signal] = series = new SignalSeries(options.Step, options.Retention);
        }

        return series;
    }
}
