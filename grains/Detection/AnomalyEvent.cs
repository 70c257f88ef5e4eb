namespace Grid.Grains.Detection;

/// <summary>
/// A level change of one entity, published on the <see cref="AnomalyStream"/>. <see cref="At"/> is
/// event time (the signal's own clock); <see cref="Id"/> is stable, so a consumer that sees it twice
/// (at-least-once delivery) can tell.
/// </summary>
public sealed record AnomalyEvent(
    string Id,
    string Entity,
    string Kind,
    string? Country,
    string Level,
    string PreviousLevel,
    DateTimeOffset At,
    string? EventId,
    SignalReading[] Signals,
    bool ElectionWatch);

/// <summary>The stream every level change goes to; alert grains subscribe implicitly.</summary>
public static class AnomalyStream
{
    public const string Namespace = "anomalies";

    /// <summary>
    /// One stream key for the world: level changes are rare (a few a day), and one alert grain then
    /// orders, deduplicates and delivers them from one outbox.
    /// </summary>
    public const string Key = "world";
}
