using Grid.Silo.Feeds.Leases;

namespace Grid.Silo.Tests.Feeds;

/// <summary>
/// A real <see cref="IExclusiveLeases"/> that the test drives: the lease is held from
/// <see cref="Grant"/> until <see cref="Revoke"/>, as a cluster lease passes to this silo and away
/// again. Each grant has a larger fencing token, like the PostgreSQL lease.
/// </summary>
internal sealed class TogglingLeases : IExclusiveLeases
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _granted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _held;
    private long _fencing = 41;

    public long LastToken => Interlocked.Read(ref _fencing);

    public void Grant()
    {
        lock (_gate)
        {
            _granted.TrySetResult();
        }
    }

    public void Revoke()
    {
        lock (_gate)
        {
            _granted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _held?.Cancel();
        }
    }

    public async Task RunWhileHeldAsync(string name, Func<LeaseGrant, CancellationToken, Task> work, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Task granted;
            lock (_gate)
            {
                granted = _granted.Task;
            }

            await granted.WaitAsync(stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            using var held = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            lock (_gate)
            {
                _held = held;
            }

            await work(new LeaseGrant(name, Interlocked.Increment(ref _fencing)), held.Token);
            lock (_gate)
            {
                _held = null;
            }
        }
    }
}
