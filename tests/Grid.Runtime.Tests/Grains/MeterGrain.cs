using Grid.Runtime.State;

namespace Grid.Runtime.Tests.Grains;

public sealed class MeterState
{
    public int Ticks { get; set; }

    public string Label { get; set; } = "";
}

public interface IMeterGrain : IGrainWithStringKey
{
    Task Label(string label);

    Task<MeterState> Read();
}

/// <summary>
/// A persisted grain with a timer armed in OnActivateAsync: each tick is written, so a grain
/// that moves to another silo goes on counting from where it was, and only while active somewhere.
/// </summary>
public sealed class MeterGrain([PersistentState("meter")] IPersistentState<MeterState> meter) : Grain, IMeterGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RegisterGrainTimer(TickAsync, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100), keepAlive: true);
        return Task.CompletedTask;
    }

    public async Task Label(string label)
    {
        meter.State.Label = label;
        await meter.WriteStateAsync();
    }

    public Task<MeterState> Read() => Task.FromResult(meter.State);

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        meter.State.Ticks++;
        await meter.WriteStateAsync(cancellationToken);
    }
}
