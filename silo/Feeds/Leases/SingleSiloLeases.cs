namespace Grid.Silo.Feeds.Leases;

/// <summary>On one silo (local mode) every lease is held at once, and held until the silo stops.</summary>
internal sealed class SingleSiloLeases : IExclusiveLeases
{
    private long _fencing;

    public async Task RunWhileHeldAsync(string name, Func<LeaseGrant, CancellationToken, Task> work, CancellationToken stopping)
    {
        var grant = new LeaseGrant(name, Interlocked.Increment(ref _fencing));
        await work(grant, stopping).ConfigureAwait(false);
    }
}
