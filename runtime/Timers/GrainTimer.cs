using Grid.Runtime.Activation;

namespace Grid.Runtime.Timers;

/// <summary>
/// A timer whose ticks are turns of its grain. At most one tick is pending at a time, and the
/// next period is armed only after the callback finishes, so slow callbacks never pile up.
/// </summary>
internal sealed class GrainTimer : IGrainTimer, IActivationWorkItem
{
    private readonly GrainActivation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly Timer _timer;
    private readonly CancellationTokenSource _disposed = new();
    private TimeSpan _dueTime;
    private TimeSpan _period;
    private int _tickPending;

    public GrainTimer(GrainActivation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, bool keepAlive)
    {
        _activation = activation;
        _callback = callback;
        _dueTime = dueTime;
        _period = period;
        CountsAsActivity = keepAlive;
        _timer = new Timer(static s => ((GrainTimer)s!).OnFire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public bool CountsAsActivity { get; }

    public bool Redirectable => false;

    public long CreatedAt { get; } = Environment.TickCount64;

    public void Expire(TimeSpan waited)
    {
    }

    public void Start() => _timer.Change(_dueTime, Timeout.InfiniteTimeSpan);

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        _dueTime = dueTime;
        _period = period;
        if (!_disposed.IsCancellationRequested)
        {
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnFire()
    {
        if (_disposed.IsCancellationRequested || Interlocked.Exchange(ref _tickPending, 1) == 1)
        {
            return;
        }

        if (!_activation.TryPost(this))
        {
            Dispose();
        }
    }

    public async Task ExecuteAsync(GrainActivation activation)
    {
        try
        {
            if (!_disposed.IsCancellationRequested)
            {
                await _callback(_disposed.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!_disposed.IsCancellationRequested)
        {
            // A failing tick must not kill the timer: the next period may succeed (as in Orleans).
            activation.Runtime.LogTimerFailed(ex, activation.Id);
        }
        catch (Exception)
        {
            // The timer was disposed while the callback ran; its failure no longer matters.
        }
        finally
        {
            Volatile.Write(ref _tickPending, 0);
            if (!_disposed.IsCancellationRequested && _period != Timeout.InfiniteTimeSpan)
            {
                _timer.Change(_period, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Fail(Exception exception)
    {
    }

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        _timer.Dispose();
        _activation.ForgetTimer(this);
    }
}
