namespace Grid.Bench.Grains;

/// <summary>Counts deliveries across subscribers and completes when the expected number has arrived.</summary>
public sealed class DeliveryTarget
{
    private long _remaining;
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Done => _done.Task;

    /// <summary>Deliveries still expected.</summary>
    public long Remaining => Volatile.Read(ref _remaining);

    public void Expect(long count)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _remaining, count);
    }

    public void Arrived()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult();
        }
    }
}
