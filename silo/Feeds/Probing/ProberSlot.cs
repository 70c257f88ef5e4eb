namespace Grid.Silo.Feeds.Probing;

/// <summary>
/// Hands the prober from <see cref="ProberFeed"/> (which holds the prober shard's lease) to
/// <see cref="ProbingService"/> (which runs the rounds; the probe shards close the bins). A round runs
/// inside <see cref="Gate"/>, so the feed closes the raw socket only after the round in flight ended.
/// </summary>
internal sealed class ProberSlot : IDisposable
{
    private volatile HeldProber? _current;
    private volatile TaskCompletionSource _filled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The prober and the token cancelled when its lease is lost; null on a silo without the lease.</summary>
    public HeldProber? Current => _current;

    /// <summary>Completes when a prober is handed in, so the first round need not wait out an interval.</summary>
    public Task Filled => _filled.Task;

    public void Fill(Prober prober, CancellationToken held)
    {
        _current = new HeldProber(prober, held);
        _filled.TrySetResult();
    }

    /// <summary>Takes the prober out and waits for its last round to end.</summary>
    public async Task EmptyAsync()
    {
        _current = null;
        _filled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Gate.WaitAsync();
        Gate.Release();
    }

    public void Dispose() => Gate.Dispose();
}

/// <summary>A prober usable while <see cref="Held"/> is not cancelled.</summary>
internal sealed record HeldProber(Prober Prober, CancellationToken Held);
