namespace Grid.Grains.Detection;

/// <summary>
/// A level change of one entity, published on the <see cref="AnomalyStream"/>. <see cref="At"/> is
/// event time (the signal's own clock); <see cref="Id"/> is stable, so a consumer that sees it twice
/// (at-least-once delivery) can tell.
/// </summary>
[GenerateSerializer, Alias("grid.AnomalyEvent")]
public sealed record AnomalyEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] string Entity,
    [property: Id(2)] Entities.EntityKind Kind,
    [property: Id(3)] string? Country,
    [property: Id(4)] DetectionLevel Level,
    [property: Id(5)] DetectionLevel PreviousLevel,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] string? EventId,
    [property: Id(8)] SignalReading[] Signals,
    [property: Id(9)] bool ElectionWatch);

/// <summary>The stream every level change goes to; alert grains subscribe implicitly.</summary>
public static class AnomalyStream
{
    /// <summary>The stream provider (memory streams on one silo, ADO.NET streams on PostgreSQL in a cluster).</summary>
    public const string Provider = "grid";

    public const string Namespace = "anomalies";

    /// <summary>
    /// One stream key for the world: level changes are rare (a few a day), and one alert grain then
    /// deduplicates them and hands each to the outbox of every subscription that hears it.
    /// </summary>
    public const string Key = "world";
}
