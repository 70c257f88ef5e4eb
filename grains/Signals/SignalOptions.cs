namespace Grid.Grains.Signals;

/// <summary>Signal time series; configuration section <c>Grid:Signals</c>.</summary>
public sealed class SignalOptions
{
    public const string Section = "Grid:Signals";

    /// <summary>One point per step at most (IODA bins BGP at 300 s; Grid records finer and lets readers choose).</summary>
    public TimeSpan Step { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How much history each signal keeps: 7 days covers the probing baseline window.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How far behind an entity's clock (the newest event time it has heard) a point given by name
    /// (<c>POST /v1/signals</c>) may be: later ones are refused. A late point within it enters the
    /// series at its own step; steps already judged are not judged again. An hour covers a batch
    /// uploader's delay and a probe bin's round trip without reopening much history.
    /// </summary>
    public TimeSpan MaxLateness { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The longest range one history request may ask for.</summary>
    public TimeSpan MaxQueryRange { get; set; } = TimeSpan.FromDays(31);
}
