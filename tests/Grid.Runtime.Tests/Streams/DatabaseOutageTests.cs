using System.Net;
using System.Net.Sockets;
using Grid.Runtime.Streams;
using Grid.Runtime.Tests.Grains;
using Grid.Runtime.Tests.Harness;
using Microsoft.Extensions.Logging;

namespace Grid.Runtime.Tests.Streams;

/// <summary>Durable streams while the database is down: retries with backoff, one log line per outage.</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task WhileTheDatabaseIsDownAConsumerRetriesAndLogsTheOutageOnce()
    {
        // A "database" that takes each connection and hangs up at once, and counts them.
        using var door = new TcpListener(IPAddress.Loopback, 0);
        door.Start();
        var connections = 0;
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await door.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref connections);
            }
        });
        var port = ((IPEndPoint)door.LocalEndpoint).Port;
        var logs = new CapturedLogs();
        await using var silo = await TestSilo.StartAsync(
            streams: $"Host=127.0.0.1;Port={port};Username=grid;Password=not-logged;Database=grid;Timeout=2;Pooling=false",
            logs: logs);

        var publish = await Assert.ThrowsAnyAsync<Exception>(() =>
            silo.Streams.GetStream<Numbered>(StreamId.Create(NumberSinkGrain.Namespace, "DOWN")).OnNextAsync(new Numbered(1)));
        Assert.Empty(await silo.Grains.GetGrain<INumberSinkGrain>("DOWN").Received());
        await Eventually.HoldsAsync(() => Volatile.Read(ref connections) >= 20, "the consumers kept trying");
        await stop.CancelAsync();

        var outage = logs.Entries.Where(e => e.Level == LogLevel.Error && e.Message.StartsWith("Stream log unreachable", StringComparison.Ordinal)).ToList();
        Assert.Single(outage, e => e.Message.Contains("numbersink/DOWN", StringComparison.Ordinal));
        Assert.Single(outage, e => e.Message.Contains("LISTEN grid_stream", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("not-logged", StringComparison.Ordinal));
        Assert.DoesNotContain("not-logged", publish.ToString(), StringComparison.Ordinal);
        try
        {
            await accepting;
        }
        catch (OperationCanceledException)
        {
        }
    }
}
