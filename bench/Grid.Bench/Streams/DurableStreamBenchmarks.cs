using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Grid.Bench.Benchmarks;
using Grid.Bench.Grains;
using Grid.Runtime.Hosting;
using Grid.Runtime.Streams;
using Grid.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Grid.Bench.Streams;

/// <summary>
/// The PostgreSQL stream log against bare Npgsql on the same server in the same run: throughput
/// from publish to an implicit subscriber grain (reference: the same batches inserted and read
/// back with plain SQL), and the wake-up latency of one event (reference: a bare LISTEN/NOTIFY round trip).
/// </summary>
public static class DurableStreamBenchmarks
{
    public static async Task RunAsync(bool quick, TextWriter output)
    {
        await using var server = new PostgresServer();
        await server.InitializeAsync();
        var database = await server.CreateDatabaseAsync("bench_streams");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<DeliveryTarget>();
        builder.Services.AddGridRuntime().AddGrainsFromAssembly(typeof(DeliveryTarget).Assembly).UsePostgresStreams(database);
        using var host = builder.Build();
        await host.StartAsync();
        var streams = host.Services.GetRequiredKeyedService<IStreamProvider>(StreamProviderNames.Default);
        var target = host.Services.GetRequiredService<DeliveryTarget>();
        await using var dataSource = NpgsqlDataSource.Create(database);

        var events = quick ? 10_000 : 50_000;
        var throughput = new Measurement(
            "durable stream events to an implicit subscriber grain", "events/s", await GridThroughputAsync(streams, target, events),
            "bare INSERT … unnest + SELECT of the same batches", await BareThroughputAsync(dataSource, events));
        var rounds = quick ? 20 : 100;
        var wakeGrid = await GridWakeLatencyAsync(streams, target, rounds);
        var wakeBare = await BareNotifyLatencyAsync(dataSource, rounds);

        output.WriteLine("| benchmark | Grid | reference | reference rate | Grid / reference |");
        output.WriteLine("|---|---|---|---|---|");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {throughput.Name} | {throughput.Grid:N0} {throughput.Unit} | {throughput.ReferenceName} | {throughput.Reference:N0} {throughput.Unit} | {throughput.Ratio:0.00} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| one event, publish to handler (median of {rounds}) | {wakeGrid:0.00} ms | bare NOTIFY to a LISTEN connection | {wakeBare:0.00} ms | {wakeGrid / wakeBare:0.00} |"));
        await host.StopAsync();
    }

    private static async Task<double> GridThroughputAsync(IStreamProvider streams, DeliveryTarget target, int events)
    {
        var stream = streams.GetStream<Tick>(StreamId.Create(BenchSinkGrain.Namespace, "durable"));
        var batch = Enumerable.Range(0, 1000).Select(i => new Tick(i)).ToArray();
        return await Measurement.MedianRateAsync(async () =>
        {
            target.Expect(events);
            for (var sent = 0; sent < events; sent += batch.Length)
            {
                await stream.OnNextBatchAsync(batch);
            }

            await target.Done;
            return events;
        }, rounds: 3);
    }

    private static async Task<double> BareThroughputAsync(NpgsqlDataSource dataSource, int events)
    {
        await using (var create = dataSource.CreateCommand("CREATE TABLE bare_log (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload jsonb NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var payloads = Enumerable.Range(0, 1000).Select(i => JsonSerializer.Serialize(new Tick(i))).ToArray();
        var read = 0L;
        return await Measurement.MedianRateAsync(async () =>
        {
            for (var sent = 0; sent < events; sent += payloads.Length)
            {
                await using var insert = dataSource.CreateCommand("INSERT INTO bare_log (payload) SELECT unnest($1)");
                insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb, Value = payloads });
                await insert.ExecuteNonQueryAsync();
            }

            for (var got = 0; got < events;)
            {
                await using var select = dataSource.CreateCommand("SELECT seq, payload::text FROM bare_log WHERE seq > $1 ORDER BY seq LIMIT 500");
                select.Parameters.Add(new NpgsqlParameter { Value = read });
                await using var reader = await select.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    read = reader.GetInt64(0);
                    JsonSerializer.Deserialize<Tick>(reader.GetString(1));
                    got++;
                }
            }

            return events;
        }, rounds: 3);
    }

    private static async Task<double> GridWakeLatencyAsync(IStreamProvider streams, DeliveryTarget target, int rounds)
    {
        var stream = streams.GetStream<Tick>(StreamId.Create(BenchSinkGrain.Namespace, "wake"));
        var samples = new List<double>();
        for (var i = 0; i <= rounds; i++)
        {
            target.Expect(1);
            var clock = Stopwatch.StartNew();
            await stream.OnNextAsync(new Tick(i));
            await target.Done;
            if (i > 0)
            {
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }

            // Let the pump go back to sleep, so every round measures a wake-up, not a busy loop.
            await Task.Delay(20);
        }

        return Median(samples);
    }

    private static async Task<double> BareNotifyLatencyAsync(NpgsqlDataSource dataSource, int rounds)
    {
        await using var listener = await dataSource.OpenConnectionAsync();
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.Notification += (_, _) => heard.TrySetResult();
        await using (var listen = new NpgsqlCommand("LISTEN bare_channel", listener))
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
        var samples = new List<double>();
        for (var i = 0; i <= rounds; i++)
        {
            heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clock = Stopwatch.StartNew();
            await using (var notify = dataSource.CreateCommand("SELECT pg_notify('bare_channel', 'x')"))
            {
                await notify.ExecuteNonQueryAsync();
            }

            await heard.Task;
            if (i > 0)
            {
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }

            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await waiting;
        return Median(samples);
    }

    private static double Median(List<double> samples)
    {
        samples.Sort();
        return samples[samples.Count / 2];
    }
}
