namespace Grid.Runtime.Activation;

/// <summary>
/// A FIFO that runs its items one at a time, each to completion (including its awaits), on the
/// thread pool. No thread waits while the queue is empty or while an item awaits I/O: a pump
/// starts when the first item arrives and ends when the queue runs dry. This is the turn-based
/// execution of Orleans' activations, and also serves stream subscribers outside grains.
/// </summary>
internal abstract class TurnQueue<TItem>
    where TItem : class
{
    // Items that completed synchronously run back to back; after this many the pump yields so that
    // one busy grain cannot hold a pool thread forever.
    private const int TurnsBeforeYield = 64;

    private readonly Queue<TItem> _queue = new();
    private bool _pumping;

    /// <summary>Guards the queue and any state subclasses must change atomically with it.</summary>
    protected Lock Gate { get; } = new();

    public int QueueLength
    {
        get
        {
            lock (Gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>True while a turn runs or is queued.</summary>
    public bool IsBusy
    {
        get
        {
            lock (Gate)
            {
                return _pumping;
            }
        }
    }

    /// <summary>Queues <paramref name="item"/> unless <see cref="AcceptsItems"/> says no; starts a pump if none runs.</summary>
    public bool TryPost(TItem item)
    {
        lock (Gate)
        {
            if (!AcceptsItems)
            {
                return false;
            }

            _queue.Enqueue(item);
            if (_pumping)
            {
                return true;
            }

            _pumping = true;
        }

        StartPump();
        return true;
    }

    /// <summary>Checked under <see cref="Gate"/> on every post.</summary>
    protected virtual bool AcceptsItems => true;

    /// <summary>Queues items without starting a pump; <see cref="StartIfPending"/> starts it.</summary>
    protected void Preload(IEnumerable<TItem> items)
    {
        lock (Gate)
        {
            foreach (var item in items)
            {
                _queue.Enqueue(item);
            }
        }
    }

    protected void StartIfPending()
    {
        lock (Gate)
        {
            if (_pumping || _queue.Count == 0)
            {
                return;
            }

            _pumping = true;
        }

        StartPump();
    }

    /// <summary>Removes and returns every queued item. Call under <see cref="Gate"/>.</summary>
    protected List<TItem> DrainUnderGate()
    {
        var items = new List<TItem>(_queue);
        _queue.Clear();
        return items;
    }

    /// <summary>Visits every queued item under <see cref="Gate"/> (for the call watchdog).</summary>
    protected void VisitQueued(Action<TItem> visit)
    {
        lock (Gate)
        {
            foreach (var item in _queue)
            {
                visit(item);
            }
        }
    }

    protected abstract ValueTask ExecuteAsync(TItem item);

    /// <summary>Runs at the start of each pump, on the pump's own execution context.</summary>
    protected virtual void OnPumpStart()
    {
    }

    private void StartPump() =>
        ThreadPool.UnsafeQueueUserWorkItem(static self => _ = self.PumpAsync(), this, preferLocal: false);

    private async Task PumpAsync()
    {
        OnPumpStart();
        var turns = 0;
        while (true)
        {
            TItem? item;
            lock (Gate)
            {
                if (!_queue.TryDequeue(out item))
                {
                    _pumping = false;
                    return;
                }
            }

            // Subclasses complete their items' tasks themselves; an escape here is a runtime bug,
            // and must not stop the pump and strand the queue.
            try
            {
                await ExecuteAsync(item).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                OnUnexpected(ex);
            }

            if (++turns % TurnsBeforeYield == 0)
            {
                await Task.Yield();
            }
        }
    }

    protected abstract void OnUnexpected(Exception exception);
}
