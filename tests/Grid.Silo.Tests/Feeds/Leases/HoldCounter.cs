using System.Collections.Concurrent;
using Grid.Silo.Feeds.Leases;

namespace Grid.Silo.Tests.Feeds.Leases;

/// <summary>Counts the contenders holding a lease at once, and the grants in the order they began.</summary>
internal sealed class HoldCounter
{
    private readonly ConcurrentQueue<LeaseGrant> _order = new();
    private int _current;
    private int _most;

    public int MostAtOnce => Volatile.Read(ref _most);

    public IReadOnlyList<LeaseGrant> InOrder => [.. _order];

    public void Enter(LeaseGrant grant)
    {
        var now = Interlocked.Increment(ref _current);
        _order.Enqueue(grant);
        int most;
        while (now > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, now, most) != most)
        {
        }
    }

    public void Exit() => Interlocked.Decrement(ref _current);
}
