using Grid.Grains.Detection;

namespace Grid.Grains.Entities;

/// <summary>
/// Where an entity's detection goes (<see cref="EntityDetector"/>): the entity grain's storage, the
/// event log and the <see cref="AnomalyStream"/>. The grain implements it; tests record the calls.
/// </summary>
public interface IDetectionOutputs
{
    /// <summary>The detection state changed: it is written with the grain's next write (once per step).</summary>
    void StateChanged();

    /// <summary>Writes the entity's state now: a level change someone may hear of is stored before it is published.</summary>
    Task WriteStateAsync();

    /// <summary>Adds or replaces events in the event log (<see cref="IEventLogGrain.Record"/>).</summary>
    Task RecordEventsAsync(OutageEvent[] events);

    /// <summary>Publishes one level change on the anomalies stream.</summary>
    Task PublishAsync(AnomalyEvent change);
}
