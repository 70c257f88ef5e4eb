using Grid.Runtime.Streams;

namespace Grid.Runtime.Tests.Grains;

public interface IFlakySinkGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<int>> Received();

    Task<int> Attempts();
}

/// <summary>
/// An implicit subscriber that implements IAsyncObserver (no SubscribeAsync) and fails the first
/// attempt at every event, so only the runtime's retry can deliver it.
/// </summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class FlakySinkGrain : Grain, IFlakySinkGrain, IAsyncObserver<Numbered>
{
    public const string Namespace = "flaky";

    private readonly HashSet<int> _failedOnce = [];
    private readonly List<int> _received = [];
    private int _attempts;

    public Task OnNextAsync(Numbered item, StreamSequenceToken token)
    {
        _attempts++;
        if (_failedOnce.Add(item.Value))
        {
            throw new InvalidOperationException($"first attempt at {item.Value} fails on purpose");
        }

        _received.Add(item.Value);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<int>> Received() => Task.FromResult<IReadOnlyList<int>>([.. _received]);

    public Task<int> Attempts() => Task.FromResult(_attempts);
}
