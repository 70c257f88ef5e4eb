using Grid.Runtime;
using Grid.Runtime.Streams;

namespace Grid.Bench.Grains;

public sealed record Tick(long Value);

public interface IBenchSinkGrain : IGrainWithStringKey
{
    Task<long> Received();
}

/// <summary>Implicitly subscribed to "ticks"; signals the benchmark when the expected count has arrived.</summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class BenchSinkGrain(DeliveryTarget target) : Grain, IBenchSinkGrain, IAsyncObserver<Tick>
{
    public const string Namespace = "ticks";

    private long _received;

    public Task OnNextAsync(Tick item, StreamSequenceToken token)
    {
        _received++;
        target.Arrived();
        return Task.CompletedTask;
    }

    public Task<long> Received() => Task.FromResult(_received);
}
