namespace Grid.Grains.Detection;

/// <summary>
/// A level change of one entity, published on the <see cref="AnomalyStream"/>. <see cref="At"/> is
/// event time (the signal's own clock); <see cref="Id"/> is stable, so a consumer that sees it twice
/// (at-least-once delivery) can tell. <see cref="SingleSource"/> names the one outside probe sender
/// (an ingest key's id and name) the change rests on alone, when it does: such a change alerts only
/// with Grid:Probing:AlertOnSingleSource. <see cref="Mechanism"/> is the event's (<see cref="EventMechanism"/>),
/// as told up to this change.
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
    [property: Id(9)] bool ElectionWatch,
    [property: Id(10)] string? Name = null,
    [property: Id(11)] string? SingleSource = null,
    [property: Id(12)] string? Mechanism = null);
