using System.Threading.Channels;
using Grid.Bench.Grains;
using Grid.Runtime.Streams;

namespace Grid.Bench.Benchmarks;

/// <summary>
/// Stream events per second from publish to an implicit subscriber grain's handler, against a bare
/// single-reader Channel feeding the same handler.
/// </summary>
public static class StreamBenchmark
{
    public static async Task<Measurement> ImplicitSubscriberAsync(IStreamProvider streams, DeliveryTarget target, int events)
    {
        var stream = streams.GetStream<Tick>(StreamId.Create(BenchSinkGrain.Namespace, "BY"));
        var batch = Enumerable.Range(0, 1000).Select(i => new Tick(i)).ToArray();
        var grid = await Measurement.MedianRateAsync(async () =>
        {
            target.Expect(events);
            for (var sent = 0; sent < events; sent += batch.Length)
            {
                await stream.OnNextBatchAsync(batch);
            }

            await target.Done;
            return events;
        });

        var bare = await Measurement.MedianRateAsync(async () =>
        {
            target.Expect(events);
            var channel = Channel.CreateUnbounded<Tick>(new UnboundedChannelOptions { SingleReader = true });
            var reader = Task.Run(async () =>
            {
                await foreach (var _ in channel.Reader.ReadAllAsync())
                {
                    target.Arrived();
                }
            });
            for (var sent = 0; sent < events; sent++)
            {
                await channel.Writer.WriteAsync(batch[sent % batch.Length]);
            }

            channel.Writer.Complete();
            await target.Done;
            await reader;
            return events;
        });
        return new Measurement("stream events to an implicit subscriber grain", "events/s", grid, "bare Channel<T> to the same handler", bare);
    }
}
