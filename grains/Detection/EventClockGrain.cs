namespace Grid.Grains.Detection;

/// <summary>
/// Holds only a maximum that every silo re-sends each tick: a new activation after a crash is
/// correct again after one round of exchanges, so it needs no storage.
/// </summary>
[GrainType("event-clock")]
public sealed class EventClockGrain : Grain, IEventClockGrain
{
    private DateTimeOffset? _latest;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        DelayDeactivation(TimeSpan.MaxValue);
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> Exchange(DateTimeOffset? latest)
    {
        if (latest is { } at && (_latest is null || at > _latest))
        {
            _latest = at;
        }

        return Task.FromResult(_latest);
    }
}
