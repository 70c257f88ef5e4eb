using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Testing.Postgres;
using Grid.Testing.Processes;
using Grid.Testing.Web;
using Npgsql;

namespace Grid.Grains.Tests.Alerts;

/// <summary>
/// Level changes through the PostgreSQL stream log to the alert grain: a new owner of the alert
/// grain gets the changes again (at-least-once) and the receiver still gets each alert once.
/// </summary>
public sealed class DurableAlertTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string Secret = "receiver-secret-0123456789";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ARedeliveredLevelChangeIsNotAlertedTwice()
    {
        var database = await postgres.CreateDatabaseAsync("alerts_durable");
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var start = new DateTimeOffset(2011, 1, 26, 0, 0, 0, TimeSpan.Zero);
        long published;
        await using (var first = await AlertSilo.StartAsync(postgres: database))
        {
            await first.SubscribeAsync(receiver.Url, Secret);
            await first.SetVisibleAsync("EG", 50, 0, start);
            await first.SetVisibleAsync("EG", 6, 50, start.AddDays(1));
            await first.SetVisibleAsync("EG", 50, 6, start.AddDays(1).AddHours(4));
            first.Clock.Observe(start.AddDays(1).AddHours(5));
            var egypt = first.Grains.GetGrain<ICountryGrain>("EG");
            await Poll.UntilAsync("EG is back to normal", async () => (await egypt.Status()).Level == DetectionLevel.Normal && (await egypt.Events()).Length == 1, Wait);
            await Poll.UntilAsync("two alerts arrived", () => Task.FromResult(receiver.Accepted.Count >= 2), Wait);
            published = await ScalarAsync(database, "SELECT max(seq) FROM grid_stream_event WHERE namespace = 'anomalies'");
            await Poll.UntilAsync("the alert grain committed its offset", async () => await OffsetAsync(database) == published, Wait);
        }

        // As if the alert grain's silo had died before committing any offset: its new owner reads
        // every level change again; the outbox and the ids seen were persisted in the turns.
        await ScalarAsync(database, "UPDATE grid_stream_offset SET delivered_seq = 0 WHERE subscriber = 'alerts/world' RETURNING 0::bigint");
        await using var second = await AlertSilo.StartAsync(postgres: database);
        await Poll.UntilAsync("the new owner took the log again", async () => await OffsetAsync(database) == published, Wait);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(2, receiver.Accepted.Count);
        Assert.Equal(2, receiver.Accepted.Select(a => a.IdempotencyKey).Distinct().Count());
        Assert.Equal(["critical", "normal"], receiver.Accepted.Select(a => a.Level));
    }

    private static async Task<long> OffsetAsync(string database) =>
        await ScalarAsync(database, "SELECT COALESCE(max(delivered_seq), -1) FROM grid_stream_offset WHERE subscriber = 'alerts/world'");

    private static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync() is long value ? value : -1;
    }
}
