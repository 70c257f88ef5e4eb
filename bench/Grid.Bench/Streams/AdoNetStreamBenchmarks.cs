using System.Diagnostics;
using System.Globalization;
using Grid.Bench.Benchmarks;
using Grid.Bench.Grains;
using Grid.Geography;
using Grid.Silo.Hosting.Cluster;
using Grid.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using Orleans.Streams;

namespace Grid.Bench.Streams;

/// <summary>
/// <c>--only streams</c>: Orleans' ADO.NET stream provider on PostgreSQL, configured as a cluster
/// silo configures it (<c>AddAdoNetStreams</c> under <see cref="Grid.Grains.Detection.AnomalyStream.Provider"/>,
/// the official schema), against bare Npgsql on the same server in the same run. Throughput: events
/// from publish to an implicit subscriber grain, <see cref="StreamBenchmark.InFlight"/> publishes in
/// flight; the reference is the same events as single-row INSERTs that each NOTIFY a LISTEN
/// connection, which drains the table (DELETE … RETURNING) into the same handler. Latency: one event
/// from publish to handler, against a bare NOTIFY round trip.
/// </summary>
internal static class AdoNetStreamBenchmarks
{
    public static async Task RunAsync(bool quick, TextWriter progress)
    {
        await using var server = new PostgresServer();
        await server.InitializeAsync();
        try
        {
            var database = await server.CreateDatabaseAsync("bench_streams");
            await OrleansPostgresSchema.EnsureCreatedAsync(database, NullLogger.Instance, CancellationToken.None);
            await using var silo = await BenchSilo.StartAsync(new UnknownGeography(), streams: s => s.AddAdoNetStreams(BenchSilo.StreamProvider, o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = database;
            }));
            var client = silo.Services.GetRequiredService<IClusterClient>();
            var target = silo.Services.GetRequiredService<DeliveryTarget>();
            await using var dataSource = NpgsqlDataSource.Create(database);

            var events = quick ? 2_000 : 20_000;
            var rounds = quick ? 1 : 3;
            progress.WriteLine($"streams: {events:N0} events per round, {rounds} rounds (after a warm-up round) of each, alternating");
            var stream = client.GetStreamProvider(BenchSilo.StreamProvider).GetStream<Tick>(StreamId.Create(BenchSinkGrain.Namespace, "durable"));
            await using var queue = await BareQueue.CreateAsync(dataSource, target);
            var gridRates = new List<double>();
            var bareRates = new List<double>();
            for (var round = -1; round < rounds; round++)
            {
                var grid = await RateAsync(target, events, () => StreamBenchmark.PublishAsync(stream, events));
                var bare = await RateAsync(target, events, () => queue.PublishAsync(events));
                progress.WriteLine(Invariant($"streams round {round + 1}{(round < 0 ? " (warm-up)" : "")}: Orleans ADO.NET {grid:N0} events/s, bare INSERT/NOTIFY {bare:N0} events/s"));
                if (round >= 0)
                {
                    gridRates.Add(grid);
                    bareRates.Add(bare);
                }
            }

            var samples = quick ? 10 : 50;
            var wakeGrid = await GridLatencyAsync(stream, target, samples);
            var wakeBare = await BareNotifyLatencyAsync(dataSource, samples);

            var throughput = new Measurement(
                $"Orleans ADO.NET stream (PostgreSQL) events to an implicit subscriber grain, {StreamBenchmark.InFlight} publishes in flight (median of {rounds} × {events:N0})", "events/s",
                Median(gridRates), "bare Npgsql INSERT + NOTIFY per event, LISTEN side drains with DELETE … RETURNING", Median(bareRates));
            Console.WriteLine("| benchmark | Grid | reference | reference rate | Grid / reference |");
            Console.WriteLine("|---|---|---|---|---|");
            Console.WriteLine(Invariant($"| {throughput.Name} | {throughput.Grid:N0} {throughput.Unit} | {throughput.ReferenceName} | {throughput.Reference:N0} {throughput.Unit} | {throughput.Ratio:0.00} |"));
            Console.WriteLine(Invariant($"| one event, publish to handler (median of {samples}) | {wakeGrid:0.0} ms | bare NOTIFY to a LISTEN connection | {wakeBare:0.00} ms | {wakeGrid / wakeBare:0.0} |"));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>Events per second from the first publish until the handler has seen them all.</summary>
    private static async Task<double> RateAsync(DeliveryTarget target, int events, Func<Task> publish)
    {
        target.Expect(events);
        var clock = Stopwatch.StartNew();
        await publish();
        await target.Done.WaitAsync(TimeSpan.FromMinutes(5));
        return events / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> GridLatencyAsync(IAsyncStream<Tick> stream, DeliveryTarget target, int samples)
    {
        var took = new List<double>();
        for (var i = 0; i <= samples; i++)
        {
            target.Expect(1);
            var clock = Stopwatch.StartNew();
            await stream.OnNextAsync(new Tick(i));
            await target.Done.WaitAsync(TimeSpan.FromMinutes(1));
            if (i > 0)
            {
                took.Add(clock.Elapsed.TotalMilliseconds);
            }

            // Let the pulling agent find the queue empty again, so each sample is a wake-up, not a busy loop.
            await Task.Delay(20);
        }

        return Median(took);
    }

    private static async Task<double> BareNotifyLatencyAsync(NpgsqlDataSource dataSource, int samples)
    {
        await using var listener = await dataSource.OpenConnectionAsync();
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.Notification += (_, _) => heard.TrySetResult();
        await using (var listen = new NpgsqlCommand("LISTEN bare_latency", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        using var stop = new CancellationTokenSource();
        var waiting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await listener.WaitAsync(stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        var took = new List<double>();
        for (var i = 0; i <= samples; i++)
        {
            heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clock = Stopwatch.StartNew();
            await using (var notify = dataSource.CreateCommand("SELECT pg_notify('bare_latency', 'x')"))
            {
                await notify.ExecuteNonQueryAsync();
            }

            await heard.Task;
            if (i > 0)
            {
                took.Add(clock.Elapsed.TotalMilliseconds);
            }

            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await waiting;
        return Median(took);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The least a durable PostgreSQL queue does: each event one INSERT that also NOTIFYs; a LISTEN
    /// connection wakes a drain that takes rows out in order (DELETE … RETURNING) and hands each to the handler.
    /// </summary>
    private sealed class BareQueue : IAsyncDisposable
    {
        private readonly NpgsqlDataSource _dataSource;
        private readonly NpgsqlConnection _listener;
        private readonly DeliveryTarget _target;
        private readonly CancellationTokenSource _stop = new();
        private Task _drain = Task.CompletedTask;

        private BareQueue(NpgsqlDataSource dataSource, NpgsqlConnection listener, DeliveryTarget target)
        {
            _dataSource = dataSource;
            _listener = listener;
            _target = target;
        }

        public static async Task<BareQueue> CreateAsync(NpgsqlDataSource dataSource, DeliveryTarget target)
        {
            await using (var create = dataSource.CreateCommand("CREATE TABLE bare_queue (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload bytea NOT NULL)"))
            {
                await create.ExecuteNonQueryAsync();
            }

            var listener = await dataSource.OpenConnectionAsync();
            await using (var listen = new NpgsqlCommand("LISTEN bare_queue", listener))
            {
                await listen.ExecuteNonQueryAsync();
            }

            var queue = new BareQueue(dataSource, listener, target);
            queue._drain = Task.Run(queue.ListenAsync);
            return queue;
        }

        public async Task PublishAsync(int events)
        {
            var window = new Queue<Task>(StreamBenchmark.InFlight);
            for (var i = 0; i < events; i++)
            {
                if (window.Count == StreamBenchmark.InFlight)
                {
                    await window.Dequeue();
                }

                window.Enqueue(InsertAsync(i));
            }

            await Task.WhenAll(window);
        }

        private async Task InsertAsync(long value)
        {
            await using var insert = _dataSource.CreateCommand("WITH queued AS (INSERT INTO bare_queue (payload) VALUES ($1)) SELECT pg_notify('bare_queue', '')");
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = BitConverter.GetBytes(value) });
            await insert.ExecuteNonQueryAsync();
        }

        /// <summary>Drains after each notification, and every 50 ms in case one arrived mid-drain.</summary>
        private async Task ListenAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await _listener.WaitAsync(TimeSpan.FromMilliseconds(50), _stop.Token);
                    await DrainAsync();
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        private async Task DrainAsync()
        {
            while (true)
            {
                await using var take = _dataSource.CreateCommand("DELETE FROM bare_queue WHERE seq IN (SELECT seq FROM bare_queue ORDER BY seq LIMIT 1000) RETURNING payload");
                await using var reader = await take.ExecuteReaderAsync();
                var taken = 0;
                while (await reader.ReadAsync())
                {
                    _ = BitConverter.ToInt64(reader.GetFieldValue<byte[]>(0));
                    _target.Arrived();
                    taken++;
                }

                if (taken == 0)
                {
                    return;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _drain;
            await _listener.DisposeAsync();
            _stop.Dispose();
        }
    }
}
