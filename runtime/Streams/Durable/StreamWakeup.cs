namespace Grid.Runtime.Streams.Durable;

/// <summary>
/// Wakes one consumer when its stream has new rows. Signals do not count: the consumer reads
/// everything after its offset once woken, so one pending signal stands for any number of NOTIFYs.
/// </summary>
internal sealed class StreamWakeup
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set()
    {
        lock (_gate)
        {
            _signal.TrySetResult();
        }
    }

    /// <summary>Returns on a signal or after <paramref name="timeout"/>; either way the caller then reads the log.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task signal;
        lock (_gate)
        {
            signal = _signal.Task;
        }

        try
        {
            await signal.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        // A signal that lands before this reset is covered by the read that follows it.
        lock (_gate)
        {
            if (_signal.Task.IsCompleted)
            {
                _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}
