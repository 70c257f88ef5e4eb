using Orleans.Streams;

namespace Grid.Bench.Grains;

[GenerateSerializer]
[Alias("Grid.Bench.Tick")]
public sealed record Tick([property: Id(0)] long Value);

public interface IBenchSinkGrain : IGrainWithStringKey
{
    Task<long> Received();
}

/// <summary>
/// Implicitly subscribed to "ticks", as the alert grains are to "anomalies": it attaches its handler
/// on activation and signals the benchmark when the expected count has arrived.
/// </summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class BenchSinkGrain(DeliveryTarget target) : Grain, IBenchSinkGrain, IAsyncObserver<Tick>
{
    public const string Namespace = "ticks";

    private long _received;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(BenchSilo.StreamProvider).GetStream<Tick>(StreamId.Create(Namespace, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync(this);
    }

    public Task OnNextAsync(Tick item, StreamSequenceToken? token = null)
    {
        _received++;
        target.Arrived();
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public Task<long> Received() => Task.FromResult(_received);
}
