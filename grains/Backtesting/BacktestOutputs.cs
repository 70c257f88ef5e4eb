using Grid.Grains.Detection;
using Grid.Grains.Entities;

namespace Grid.Grains.Backtesting;

/// <summary>
/// Where an entity's detection goes in a backtest: nowhere durable. Level changes and events are
/// kept in memory, the event of each id as last reported (an open event's score grows each step).
/// </summary>
internal sealed class BacktestOutputs : IDetectionOutputs
{
    public Dictionary<string, OutageEvent> Events { get; } = new(StringComparer.Ordinal);

    public List<AnomalyEvent> Changes { get; } = [];

    public void StateChanged()
    {
    }

    public Task WriteStateAsync() => Task.CompletedTask;

    public Task RecordEventsAsync(OutageEvent[] events)
    {
        foreach (var outage in events)
        {
            Events[outage.Id] = outage;
        }

        return Task.CompletedTask;
    }

    public Task PublishAsync(AnomalyEvent change)
    {
        Changes.Add(change);
        return Task.CompletedTask;
    }
}
