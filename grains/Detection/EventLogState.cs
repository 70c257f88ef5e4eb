namespace Grid.Grains.Detection;

/// <summary>The event log's events by id (<see cref="EventLogGrain"/>).</summary>
[GenerateSerializer, Alias("grid.EventLogState")]
public sealed class EventLogState
{
    [Id(0)]
    public Dictionary<string, OutageEvent> Events { get; set; } = new(StringComparer.Ordinal);
}
