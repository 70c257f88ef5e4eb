using System.Net;
using System.Net.Http.Json;
using Grid.Testing.Postgres;

namespace Grid.Silo.Tests.Api;

/// <summary>Keys made through the API live in grain state: with PostgreSQL they survive a restart, and only their hash is stored.</summary>
public sealed class KeyPersistenceTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task AMadeKeyStillWorksAfterARestartAndOnlyItsHashIsStored()
    {
        var database = await postgres.CreateDatabaseAsync("apikeys");
        var settings = new Dictionary<string, string?> { ["Grid__Storage__Postgres"] = database, ["Grid__Auth__RequireKeyForReads"] = "true" };
        string key;
        await using (var first = await ApiSilo.StartAsync(settings))
        {
            using var created = await first.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/keys", JsonContent.Create(new { name = "survivor", scopes = new[] { "read" } })));
            key = (await ApiSilo.JsonAsync(created)).GetProperty("key").GetString()!;
        }

        await using var second = await ApiSilo.StartAsync(settings);
        await Grid.Testing.Processes.Poll.UntilAsync("the restarted silo knows the key", async () =>
        {
            using var read = await second.Http.SendAsync(ApiSilo.With(key, HttpMethod.Get, "/v1/countries/BY"));
            return read.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(30));

        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'";
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT row_to_json(t)::text FROM \"{table}\" t";
            await using var rows = await select.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                dump.Append(rows.GetString(0));
            }
        }

        // Orleans writes grain state as binary (bytea): its text parts read as they are through encode(…, 'escape').
        await using (var payloads = connection.CreateCommand())
        {
            payloads.CommandText = "SELECT encode(payloadbinary, 'escape') FROM OrleansStorage WHERE payloadbinary IS NOT NULL";
            await using var rows = await payloads.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                dump.Append(rows.GetString(0));
            }
        }

        var stored = dump.ToString();
        Assert.Contains(ApiSilo.Hash(key), stored, StringComparison.Ordinal);
        Assert.DoesNotContain(key, stored, StringComparison.Ordinal);
    }
}
