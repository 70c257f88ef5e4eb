using Grid.Runtime.Streams;

namespace Grid.Runtime.Tests.Grains;

public sealed record Numbered(int Value);

public interface INumberSinkGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<int>> Received();

    Task<IReadOnlyList<long>> Sequence();
}

/// <summary>Subscribes implicitly to the "numbers" namespace, Orleans-style, in OnActivateAsync.</summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class NumberSinkGrain : Grain, INumberSinkGrain
{
    public const string Namespace = "numbers";

    private readonly List<int> _received = [];
    private readonly List<long> _sequence = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = GetStreamProvider(StreamProviderNames.Default).GetStream<Numbered>(StreamId.Create(Namespace, GetPrimaryKeyString()));
        await stream.SubscribeAsync(async (item, token) =>
        {
            await Task.Yield();
            _received.Add(item.Value);
            _sequence.Add(token.SequenceNumber);
        });
    }

    public Task<IReadOnlyList<int>> Received() => Task.FromResult<IReadOnlyList<int>>([.. _received]);

    public Task<IReadOnlyList<long>> Sequence() => Task.FromResult<IReadOnlyList<long>>([.. _sequence]);
}
