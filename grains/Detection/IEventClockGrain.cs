namespace Grid.Grains.Detection;

/// <summary>
/// The cluster's newest event time. Each silo's <see cref="SignalClock"/> only sees the event times
/// of the grains it holds, so a country whose silo hears nothing more (its routes came back, and the
/// replay's later updates went to grains elsewhere) would never be judged past its last report.
/// Every silo exchanges its clock here once per detection tick and moves on to the newest.
/// </summary>
public interface IEventClockGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Takes a silo's newest event time; returns the newest any silo has given.</summary>
    Task<DateTimeOffset?> Exchange(DateTimeOffset? latest);
}
