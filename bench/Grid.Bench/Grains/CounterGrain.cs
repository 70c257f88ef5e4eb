namespace Grid.Bench.Grains;

public interface IBenchCounterGrain : IGrainWithIntegerKey
{
    Task<long> Add(long value);
}

public sealed class BenchCounterGrain : Grain, IBenchCounterGrain
{
    private long _total;

    public Task<long> Add(long value) => Task.FromResult(_total += value);
}
