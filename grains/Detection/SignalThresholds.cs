namespace Grid.Grains.Detection;

/// <summary>
/// How one signal is judged, after IODA's method: the value is compared with the median of its own
/// history window (Grid:Detection:Signals:&lt;name&gt;:…).
/// </summary>
public sealed class SignalThresholds
{
    /// <summary>
    /// Another signal whose settings this one starts from (<c>probes</c> or <c>bgp</c>), before its
    /// own keys apply: <c>Grid:Detection:Signals:answers:Like=probes</c> with
    /// <c>…:answers:MinBaseline=3</c> is judged like probes with a lower floor. Without it a signal
    /// starts from BGP's settings.
    /// </summary>
    public string? Like { get; set; }

    /// <summary>The history whose median is the baseline: IODA uses 24 h for BGP and 7 days for probing.</summary>
    public TimeSpan History { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Warning below this ratio of value to baseline (IODA: 0.99 BGP, 0.8 probing).</summary>
    public double Warning { get; set; } = 0.99;

    /// <summary>Critical below this ratio (IODA: 0.5 for both).</summary>
    public double Critical { get; set; } = 0.5;

    /// <summary>
    /// The warning ratio inside an election watch window: higher than <see cref="Warning"/>, so a
    /// smaller drop warns (a lower bar to alert while a shutdown is most likely).
    /// </summary>
    public double ElectionWarning { get; set; } = 0.995;

    /// <summary>No call is made while the baseline is below this (IODA: 20), since small counts swing wildly.</summary>
    public double MinBaseline { get; set; } = 20;

    /// <summary>Values outside [OutlierLow, OutlierHigh] × median stay out of the history, for at most one window.</summary>
    public double OutlierLow { get; set; } = 0.8;

    public double OutlierHigh { get; set; } = 2;

    /// <summary>A drop must hold this long before the level rises (one IODA bin: 300 s BGP, 600 s probing).</summary>
    public TimeSpan MinDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Hysteresis: a recovery must hold this long before the level falls back, so a flapping signal raises one event.</summary>
    public TimeSpan Recovery { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Until the history spans this long every value enters it and no call is made (a RIB load ramps up from zero).</summary>
    public TimeSpan WarmUp { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Judge rises instead of drops (RTT, loss): the ratio is baseline over value, so RTT twice its
    /// baseline reads 0.5 and every threshold below keeps its meaning. For such a signal
    /// <see cref="MinBaseline"/> is a floor under both the baseline and the value rather than a bar
    /// to clear: a rise from 0.05 ms to 0.2 ms of RTT is noise, not four times slower, and a loss
    /// that rises from nothing is judged against the floor, not against zero.
    /// </summary>
    public bool Rises { get; set; }

    public static SignalThresholds Bgp() => new();

    /// <summary>A copy to change without touching this one (a <see cref="Like"/> starts from one).</summary>
    public SignalThresholds Copy() => (SignalThresholds)MemberwiseClone();

    public static SignalThresholds Probes() => new()
    {
        History = TimeSpan.FromDays(7),
        Warning = 0.8,
        ElectionWarning = 0.9,
        MinDuration = TimeSpan.FromMinutes(10),
        Recovery = TimeSpan.FromMinutes(30),
    };

    /// <summary>
    /// The probes' median RTT in µs, judged for rises: warning at twice the baseline (1.5 times in an
    /// election window), never critical by itself (a slow network is not a dark one), over a
    /// baseline of at least 20 ms. Throttling (Ookla and OONI reports of Iran 2019, Belarus 2020)
    /// shows as delay while the blocks still answer.
    /// </summary>
    public static SignalThresholds ProbesRtt() => Rising(warning: 0.5, electionWarning: 2.0 / 3, floor: 20_000);

    /// <summary>The share of probes unanswered in ppm, judged for rises: warning at three times the baseline, which is taken as at least 10% (so 30% loss or more warns).</summary>
    public static SignalThresholds ProbesLoss() => Rising(warning: 1.0 / 3, electionWarning: 0.5, floor: 100_000);

    private static SignalThresholds Rising(double warning, double electionWarning, double floor)
    {
        var rising = Probes();
        rising.Rises = true;
        rising.Warning = warning;
        rising.ElectionWarning = electionWarning;
        rising.Critical = 0;
        rising.MinBaseline = floor;
        return rising;
    }
}
