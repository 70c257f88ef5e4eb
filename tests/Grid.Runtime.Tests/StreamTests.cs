using Grid.Runtime.Streams;
using Grid.Runtime.Tests.Grains;
using Grid.Runtime.Tests.Harness;

namespace Grid.Runtime.Tests;

public sealed class StreamTests
{
    [Fact]
    public async Task ImplicitSubscriberReceivesEveryEventInOrder()
    {
        await using var silo = await TestSilo.StartAsync();
        var stream = silo.Streams.GetStream<Numbered>(StreamId.Create(NumberSinkGrain.Namespace, "BY"));

        for (var i = 0; i < 1000; i++)
        {
            await stream.OnNextAsync(new Numbered(i));
        }

        var sink = silo.Grains.GetGrain<INumberSinkGrain>("BY");
        await Eventually.HoldsAsync(async () => (await sink.Received()).Count == 1000, "1000 events arrived");
        Assert.Equal(Enumerable.Range(0, 1000), await sink.Received());
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), await sink.Sequence());
    }

    [Fact]
    public async Task EventsGoToTheGrainWhoseKeyIsTheStreamKey()
    {
        await using var silo = await TestSilo.StartAsync();
        await silo.Streams.GetStream<Numbered>(StreamId.Create(NumberSinkGrain.Namespace, "BY")).OnNextAsync(new Numbered(1));
        await silo.Streams.GetStream<Numbered>(StreamId.Create(NumberSinkGrain.Namespace, "KZ")).OnNextBatchAsync([new(2), new(3)]);

        var kz = silo.Grains.GetGrain<INumberSinkGrain>("KZ");
        await Eventually.HoldsAsync(async () => (await kz.Received()).Count == 2, "KZ got its two events");

        Assert.Equal([2, 3], await kz.Received());
        Assert.Equal([1], await silo.Grains.GetGrain<INumberSinkGrain>("BY").Received());
    }

    [Fact]
    public async Task ConcurrentPublishersStillGiveEachSubscriberOneConsistentOrder()
    {
        await using var silo = await TestSilo.StartAsync();
        var id = StreamId.Create(NumberSinkGrain.Namespace, "MM");
        var seenOutside = new List<(int Value, long Sequence)>();
        var outside = await silo.Streams.GetStream<Numbered>(id).SubscribeAsync((item, token) =>
        {
            seenOutside.Add((item.Value, token.SequenceNumber));
            return Task.CompletedTask;
        });

        await Task.WhenAll(Enumerable.Range(0, 4).Select(p => Task.Run(async () =>
        {
            var stream = silo.Streams.GetStream<Numbered>(id);
            for (var i = 0; i < 250; i++)
            {
                await stream.OnNextAsync(new Numbered((p * 1000) + i));
            }
        })));

        var sink = silo.Grains.GetGrain<INumberSinkGrain>("MM");
        await Eventually.HoldsAsync(async () => (await sink.Received()).Count == 1000 && Volatile.Read(ref seenOutside).Count == 1000, "both subscribers got 1000 events");
        await outside.UnsubscribeAsync();

        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), await sink.Sequence());
        Assert.Equal(await sink.Received(), seenOutside.Select(e => e.Value));
        Assert.Equal(await sink.Sequence(), seenOutside.Select(e => e.Sequence));
        for (var p = 0; p < 4; p++)
        {
            var fromPublisher = (await sink.Received()).Where(v => v / 1000 == p).ToList();
            Assert.Equal(fromPublisher.Order(), fromPublisher);
        }
    }
}
