using Grid.Runtime.Streams;
using Grid.Runtime.Streams.Durable;
using Grid.Runtime.Tests.Grains;
using Grid.Runtime.Tests.Harness;
using Grid.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Grid.Runtime.Tests.Streams;

/// <summary>Streams kept in a real PostgreSQL: the provider a cluster uses.</summary>
public sealed class DurableStreamTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task ImplicitSubscriberGetsEveryEventOnceInOrder()
    {
        var database = await postgres.CreateDatabaseAsync("streams_order");
        await using var silo = await TestSilo.StartAsync(streams: database);
        var stream = silo.Streams.GetStream<Numbered>(StreamId.Create(NumberSinkGrain.Namespace, "BY"));

        for (var i = 0; i < 100; i++)
        {
            await stream.OnNextAsync(new Numbered(i));
        }

        await stream.OnNextBatchAsync(Enumerable.Range(100, 900).Select(i => new Numbered(i)));

        var sink = silo.Grains.GetGrain<INumberSinkGrain>("BY");
        await Eventually.HoldsAsync(async () => (await sink.Received()).Count >= 1000, "1000 events arrived");
        var lastSequence = (await sink.Sequence())[^1];
        await Eventually.HoldsAsync(async () => await OffsetAsync(database, "numbersink/BY", NumberSinkGrain.Namespace, "BY") == lastSequence, "the offset reached the last event");

        Assert.Equal(Enumerable.Range(0, 1000), await sink.Received());
        var sequence = await sink.Sequence();
        Assert.True(sequence.Zip(sequence.Skip(1)).All(p => p.First < p.Second), "sequence numbers rise");
    }

    [Fact]
    public async Task AHandlerThatThrowsOnceGetsTheEventAgain()
    {
        var database = await postgres.CreateDatabaseAsync("streams_retry");
        await using var silo = await TestSilo.StartAsync(streams: database);

        await silo.Streams.GetStream<Numbered>(StreamId.Create(FlakySinkGrain.Namespace, "SD")).OnNextBatchAsync([new(1), new(2), new(3)]);

        var sink = silo.Grains.GetGrain<IFlakySinkGrain>("SD");
        await Eventually.HoldsAsync(async () => (await sink.Received()).Count == 3, "three events arrived after one failure each");
        Assert.Equal([1, 2, 3], await sink.Received());
        Assert.Equal(6, await sink.Attempts());
    }

    [Fact]
    public async Task AnEventThatMeetsAMissingSiloWaitsInTheLogInsteadOfBeingDropped()
    {
        var database = await postgres.CreateDatabaseAsync("streams_kept");
        await using var silo = await TestSilo.StartAsync(streams: database);

        await silo.Streams.GetStream<Numbered>(StreamId.Create(OutageSinkGrain.Namespace, "MM")).OnNextBatchAsync([new(1), new(2), new(3)]);

        var sink = silo.Grains.GetGrain<IOutageSinkGrain>("MM");
        await Eventually.HoldsAsync(async () => (await sink.Received()).Count == 3, "all three events arrived");
        Assert.Equal([1, 2, 3], await sink.Received());
        Assert.Equal(OutageSinkGrain.FailedAttempts + 1, await sink.Attempts());
    }

    [Fact]
    public async Task ANewOwnerResumesFromTheCommittedOffsetAndTheGrainDropsWhatItHasSeen()
    {
        var streams = await postgres.CreateDatabaseAsync("streams_owner");
        var stream = StreamId.Create(LedgerGrain.Namespace, "EG");
        await using (var first = await TestSilo.StartAsync(postgres: streams, streams: streams))
        {
            await first.Streams.GetStream<LedgerEntry>(stream).OnNextBatchAsync([.. Enumerable.Range(1, 5).Select(Entry)]);
            await Eventually.HoldsAsync(
                async () => (await first.Grains.GetGrain<ILedgerGrain>("EG").Get()).Seen.Count == 5 && await OffsetAsync(streams, "ledger/EG", stream.Namespace, stream.Key) > 0,
                "the first silo took five entries");
        }

        // The first owner "died" after its grain had persisted entries 3 to 5 but before their
        // offset was committed: rewind the offset to just after entry 2.
        var second = await SequenceOfAsync(streams, 2);
        await ExecuteAsync(streams, $"UPDATE grid_stream_offset SET delivered_seq = {second} WHERE subscriber = 'ledger/EG'");

        await using var next = await TestSilo.StartAsync(postgres: streams, streams: streams);
        await next.Streams.GetStream<LedgerEntry>(stream).OnNextBatchAsync([Entry(6), Entry(7)]);

        var ledger = next.Grains.GetGrain<ILedgerGrain>("EG");
        await Eventually.HoldsAsync(async () => (await ledger.Get()).Seen.Count == 7, "entries 6 and 7 arrived");
        var final = await ledger.Get();
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"entry-{i}"), final.Seen);
        Assert.Equal(3, final.Duplicates);
    }

    [Fact]
    public async Task ANotificationWakesTheConsumerBeforeItsPollWould()
    {
        var database = await postgres.CreateDatabaseAsync("streams_notify");
        await using var silo = await TestSilo.StartAsync(streams: database, streamOptions: o =>
        {
            // Neither the poll nor the backlog sweep comes round within the test: only NOTIFY can wake the pump.
            o.PollInterval = TimeSpan.FromSeconds(30);
            o.BacklogSweepInterval = TimeSpan.FromMinutes(10);
        });
        await silo.Services.GetRequiredService<StreamNotifications>().Listening.WaitAsync(TimeSpan.FromSeconds(10));
        var stream = silo.Streams.GetStream<Numbered>(StreamId.Create(NumberSinkGrain.Namespace, "IR"));
        var sink = silo.Grains.GetGrain<INumberSinkGrain>("IR");
        await stream.OnNextAsync(new Numbered(1));
        await Eventually.HoldsAsync(async () => (await sink.Received()).Count == 1, "the first event arrived");

        // The pump has caught up and sleeps; the grain is active, so the publisher's wake-up changes nothing.
        await stream.OnNextAsync(new Numbered(2));

        await Eventually.HoldsAsync(async () => (await sink.Received()).Count == 2, "the second event arrived within 10 s of a 30 s poll", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AnExplicitSubscriberGetsWhatIsPublishedAfterItSubscribes()
    {
        var database = await postgres.CreateDatabaseAsync("streams_explicit");
        await using var silo = await TestSilo.StartAsync(streams: database);
        var stream = silo.Streams.GetStream<Numbered>(StreamId.Create("readings", "AM"));
        await stream.OnNextAsync(new Numbered(0));
        var seen = new List<int>();
        var handle = await stream.SubscribeAsync((item, _) =>
        {
            lock (seen)
            {
                seen.Add(item.Value);
            }

            return Task.CompletedTask;
        });

        await stream.OnNextBatchAsync([new(1), new(2)]);
        await stream.OnNextAsync(new Numbered(3));

        await Eventually.HoldsAsync(() => { lock (seen) { return seen.Count >= 3; } }, "three events arrived");
        await handle.UnsubscribeAsync();
        lock (seen)
        {
            Assert.Equal([1, 2, 3], seen);
        }
    }

    [Fact]
    public async Task PublishedEventsSurviveARestartBeforeDelivery()
    {
        var database = await postgres.CreateDatabaseAsync("streams_restart");
        var stream = StreamId.Create(GatedSinkGrain.Namespace, "ET");
        GatedSinkGrain.Closed["ET"] = true;
        await using (var first = await TestSilo.StartAsync(streams: database))
        {
            // Committed, but the subscriber cannot start on this silo.
            await first.Streams.GetStream<Numbered>(stream).OnNextBatchAsync([new(1), new(2), new(3)]);
        }

        GatedSinkGrain.Closed.TryRemove("ET", out _);
        await using var second = await TestSilo.StartAsync(streams: database);

        // Nothing is published or called on the second silo: its start-up backlog sweep must find the events.
        await Eventually.HoldsAsync(() => GatedSinkGrain.Delivered.TryGetValue("ET", out var got) && got.Count == 3, "the three events arrived after the restart");
        Assert.Equal([1, 2, 3], GatedSinkGrain.Delivered["ET"]);
    }

    [Fact]
    public async Task RetentionDeletesOldEventsEverySubscriberHasTakenAndKeepsTheRest()
    {
        var database = await postgres.CreateDatabaseAsync("streams_retention");
        GatedSinkGrain.Closed["RX"] = true;
        try
        {
            await using var silo = await TestSilo.StartAsync(streams: database, streamOptions: o =>
            {
                o.Retention = TimeSpan.Zero;
                o.RetentionSweepInterval = TimeSpan.FromMilliseconds(200);
            });
            await silo.Streams.GetStream<Numbered>(StreamId.Create(NumberSinkGrain.Namespace, "RX")).OnNextBatchAsync([new(1), new(2)]);
            await silo.Streams.GetStream<Numbered>(StreamId.Create(GatedSinkGrain.Namespace, "RX")).OnNextBatchAsync([new(3), new(4)]);
            await silo.Streams.GetStream<Numbered>(StreamId.Create("readings", "RX")).OnNextAsync(new Numbered(5));

            await Eventually.HoldsAsync(
                async () => await CountAsync(database, NumberSinkGrain.Namespace) == 0 && await CountAsync(database, "readings") == 0,
                "the delivered events and the events no implicit subscriber waits for are deleted");
            Assert.Equal(2, await CountAsync(database, GatedSinkGrain.Namespace));
        }
        finally
        {
            GatedSinkGrain.Closed.TryRemove("RX", out _);
        }
    }

    private static async Task<long> CountAsync(string database, string streamNamespace)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM grid_stream_event WHERE namespace = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = streamNamespace });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static LedgerEntry Entry(int i) => new($"entry-{i}", i);

    private static async Task<long> OffsetAsync(string database, string subscriber, string streamNamespace, string key)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT delivered_seq FROM grid_stream_offset WHERE subscriber = $1 AND namespace = $2 AND key = $3", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = subscriber });
        command.Parameters.Add(new NpgsqlParameter { Value = streamNamespace });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return await command.ExecuteScalarAsync() is long offset ? offset : 0;
    }

    private static async Task<long> SequenceOfAsync(string database, int value)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT seq FROM grid_stream_event WHERE (payload->>'value')::int = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
