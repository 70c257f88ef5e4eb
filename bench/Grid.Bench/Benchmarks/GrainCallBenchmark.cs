using Grid.Bench.Grains;
using Grid.Bench.References;

namespace Grid.Bench.Benchmarks;

/// <summary>
/// Orleans grain calls per second in an in-process silo (localhost clustering), against plain SemaphoreSlim-serialized objects doing the same
/// work. "sequential": one caller awaits each call (latency). "parallel": 64 callers on 64 grains.
/// </summary>
public static class GrainCallBenchmark
{
    private const int Callers = 64;

    public static async Task<Measurement> SequentialAsync(IGrainFactory grains, int calls)
    {
        var grain = grains.GetGrain<IBenchCounterGrain>(0);
        var reference = new LockedCounter();
        var grid = await Measurement.MedianRateAsync(async () =>
        {
            for (var i = 0; i < calls; i++)
            {
                await grain.Add(1);
            }

            return calls;
        });
        var bare = await Measurement.MedianRateAsync(async () =>
        {
            for (var i = 0; i < calls; i++)
            {
                await reference.Add(1);
            }

            return calls;
        });
        return new Measurement("Orleans grain calls, 1 caller awaiting each", "calls/s", grid, "SemaphoreSlim-guarded object", bare);
    }

    public static async Task<Measurement> ParallelAsync(IGrainFactory grains, int callsPerCaller)
    {
        var references = Enumerable.Range(0, Callers).Select(_ => new LockedCounter()).ToArray();
        var grid = await Measurement.MedianRateAsync(async () =>
        {
            await Task.WhenAll(Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
            {
                var grain = grains.GetGrain<IBenchCounterGrain>(c);
                for (var i = 0; i < callsPerCaller; i++)
                {
                    await grain.Add(1);
                }
            })));
            return (long)Callers * callsPerCaller;
        });
        var bare = await Measurement.MedianRateAsync(async () =>
        {
            await Task.WhenAll(Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
            {
                for (var i = 0; i < callsPerCaller; i++)
                {
                    await references[c].Add(1);
                }
            })));
            return (long)Callers * callsPerCaller;
        });
        return new Measurement($"Orleans grain calls, {Callers} callers on {Callers} grains", "calls/s", grid, "SemaphoreSlim-guarded objects", bare);
    }
}
