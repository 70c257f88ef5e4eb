using Grid.Runtime.Streams;

namespace Grid.Runtime.Tests.Grains;

public interface IOutageSinkGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<int>> Received();

    Task<int> Attempts();
}

/// <summary>
/// An implicit subscriber whose handler, at event 2, meets a silo that is gone (as when a grain it
/// calls lived on a killed silo) for more attempts than the runtime makes in one go.
/// </summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class OutageSinkGrain : Grain, IOutageSinkGrain, IAsyncObserver<Numbered>
{
    public const string Namespace = "outage";

    public const int FailedAttempts = 5;

    private readonly List<int> _received = [];
    private int _attemptsAtTwo;

    public Task OnNextAsync(Numbered item, StreamSequenceToken token)
    {
        if (item.Value == 2 && ++_attemptsAtTwo <= FailedAttempts)
        {
            throw new SiloUnavailableException("the silo of the subscriptions grain is gone");
        }

        _received.Add(item.Value);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<int>> Received() => Task.FromResult<IReadOnlyList<int>>([.. _received]);

    public Task<int> Attempts() => Task.FromResult(_attemptsAtTwo);
}
