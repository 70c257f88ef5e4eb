namespace Grid.Runtime.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task Append(int value);

    Task<IReadOnlyList<int>> Log();

    Task<int> MaxConcurrentTurns();

    Task Fail(string message);

    Task Sleep(int milliseconds);
}

/// <summary>
/// A counter that would lose updates and see overlapping turns if the runtime ever ran two calls
/// at once: it reads, yields to the thread pool, then writes.
/// </summary>
public sealed class CounterGrain : Grain, ICounterGrain
{
    private readonly List<int> _log = [];
    private int _count;
    private int _inTurn;
    private int _maxConcurrent;

    public async Task<int> Increment()
    {
        var concurrent = Interlocked.Increment(ref _inTurn);
        _maxConcurrent = Math.Max(_maxConcurrent, concurrent);
        var read = _count;
        await Task.Yield();
        _count = read + 1;
        Interlocked.Decrement(ref _inTurn);
        return _count;
    }

    public async Task Append(int value)
    {
        await Task.Yield();
        _log.Add(value);
    }

    public Task<IReadOnlyList<int>> Log() => Task.FromResult<IReadOnlyList<int>>([.. _log]);

    public Task<int> MaxConcurrentTurns() => Task.FromResult(_maxConcurrent);

    public Task Sleep(int milliseconds) => Task.Delay(milliseconds);

    public async Task Fail(string message)
    {
        await Task.Yield();
        throw new InvalidOperationException(message);
    }
}
