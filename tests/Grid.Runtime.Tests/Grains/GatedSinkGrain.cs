using System.Collections.Concurrent;
using Grid.Runtime.Streams;

namespace Grid.Runtime.Tests.Grains;

public interface IGatedSinkGrain : IGrainWithStringKey
{
}

/// <summary>
/// An implicit subscriber that cannot activate while its key is in <see cref="Closed"/>: events
/// wait for it. What it receives goes to <see cref="Delivered"/>, so a test can watch it without
/// a grain call, which would activate it.
/// </summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class GatedSinkGrain : Grain, IGatedSinkGrain, IAsyncObserver<Numbered>
{
    public const string Namespace = "gated";

    public static readonly ConcurrentDictionary<string, bool> Closed = new();

    public static readonly ConcurrentDictionary<string, ConcurrentQueue<int>> Delivered = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        Closed.ContainsKey(GetPrimaryKeyString())
            ? throw new InvalidOperationException($"gate {GetPrimaryKeyString()} is closed")
            : Task.CompletedTask;

    public Task OnNextAsync(Numbered item, StreamSequenceToken token)
    {
        Delivered.GetOrAdd(GetPrimaryKeyString(), _ => new()).Enqueue(item.Value);
        return Task.CompletedTask;
    }
}
