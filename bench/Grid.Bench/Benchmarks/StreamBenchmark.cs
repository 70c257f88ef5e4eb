using System.Threading.Channels;
using Grid.Bench.Grains;
using Orleans.Streams;

namespace Grid.Bench.Benchmarks;

/// <summary>
/// Orleans memory-stream events per second (the local profile's provider) from publish to an
/// implicit subscriber grain's handler, against a bare single-reader Channel feeding the same
/// handler. Events are published one per call, as the product publishes anomalies, with
/// <see cref="InFlight"/> publishes going at once; Orleans' memory stream queue refuses events past 16,384
/// queued, so the publisher keeps at most <see cref="MaxBacklog"/> undelivered.
/// </summary>
public static class StreamBenchmark
{
    public const int InFlight = 64;

    public const int MaxBacklog = 8_192;

    public static async Task<Measurement> ImplicitSubscriberAsync(IClusterClient client, DeliveryTarget target, int events)
    {
        var stream = client.GetStreamProvider(BenchSilo.StreamProvider).GetStream<Tick>(StreamId.Create(BenchSinkGrain.Namespace, "BY"));
        var grid = await Measurement.MedianRateAsync(async () =>
        {
            target.Expect(events);
            await PublishAsync(stream, events, target);
            await target.Done;
            return events;
        }, rounds: 3);

        var ticks = Enumerable.Range(0, 1000).Select(i => new Tick(i)).ToArray();
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
                await channel.Writer.WriteAsync(ticks[sent % ticks.Length]);
            }

            channel.Writer.Complete();
            await target.Done;
            await reader;
            return events;
        }, rounds: 3);
        return new Measurement($"Orleans memory stream events to an implicit subscriber grain ({InFlight} publishes in flight)", "events/s", grid, "bare Channel<T> to the same handler", bare);
    }

    /// <summary>
    /// Publishes <paramref name="events"/> ticks, <see cref="InFlight"/> at a time; with
    /// <paramref name="backlog"/>, waits while more than <see cref="MaxBacklog"/> are undelivered.
    /// </summary>
    public static async Task PublishAsync(IAsyncStream<Tick> stream, int events, DeliveryTarget? backlog = null)
    {
        var window = new Queue<Task>(InFlight);
        for (var i = 0; i < events; i++)
        {
            while (backlog is not null && i - (events - backlog.Remaining) > MaxBacklog)
            {
                await Task.Delay(1);
            }

            if (window.Count == InFlight)
            {
                await window.Dequeue();
            }

            window.Enqueue(stream.OnNextAsync(new Tick(i)));
        }

        await Task.WhenAll(window);
    }
}
