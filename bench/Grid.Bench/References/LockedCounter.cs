namespace Grid.Bench.References;

/// <summary>
/// The reference for grain calls: a plain object whose async method is serialized with a
/// SemaphoreSlim, the least a hand-written "one call at a time" object needs.
/// </summary>
public sealed class LockedCounter
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private long _total;

    public async Task<long> Add(long value)
    {
        await _turn.WaitAsync().ConfigureAwait(false);
        try
        {
            return _total += value;
        }
        finally
        {
            _turn.Release();
        }
    }
}
