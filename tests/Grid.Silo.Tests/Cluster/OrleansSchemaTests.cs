using Grid.Silo.Hosting.Cluster;
using Grid.Testing.Logging;
using Grid.Testing.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Grid.Silo.Tests.Cluster;

/// <summary>
/// The Orleans ADO.NET schema that a cluster silo creates at start, on a real PostgreSQL (a fresh
/// database per test): created once however many silos start together, never twice, completed when
/// only part of it exists, and holding the stored queries the Orleans providers look up by key.
/// </summary>
public sealed class OrleansSchemaTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    // What the Orleans providers look up in OrleansQuery: membership, grain state, reminders, streams.
    private static readonly string[] ProviderQueryKeys =
    [
        "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key",
        "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        "QueueStreamMessageKey", "GetStreamMessagesKey", "ConfirmStreamMessagesKey", "FailStreamMessageKey",
        "EvictStreamMessagesKey", "EvictStreamDeadLettersKey",
        "RegisterGrainActivationKey", "LookupGrainActivationKey",
    ];

    [Fact]
    public async Task CreatingTheSchemaTwiceChangesNothingAndEachStartSaysWhatItDid()
    {
        var database = await postgres.CreateDatabaseAsync("orleans_schema");
        var firstStart = new CollectingLogger();
        await OrleansPostgresSchema.EnsureCreatedAsync(database, firstStart, CancellationToken.None);
        var first = await SnapshotAsync(database);

        var secondStart = new CollectingLogger();
        await OrleansPostgresSchema.EnsureCreatedAsync(database, secondStart, CancellationToken.None);

        Assert.Equal(first, await SnapshotAsync(database));
        Assert.True(first.Queries > 0);
        var created = Assert.Single(firstStart.Entries).Message;
        Assert.EndsWith("created Main, Clustering, Persistence, Reminders, Streaming, GrainDirectory, Grid's feed leases", created, StringComparison.Ordinal);
        Assert.Contains("present", Assert.Single(secondStart.Entries).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FourSilosStartingTogetherCreateTheSchemaOnce()
    {
        var reference = await postgres.CreateDatabaseAsync("orleans_schema_ref");
        await OrleansPostgresSchema.EnsureCreatedAsync(reference, NullLogger.Instance, CancellationToken.None);
        var database = await postgres.CreateDatabaseAsync("orleans_schema_race");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => OrleansPostgresSchema.EnsureCreatedAsync(database, NullLogger.Instance, CancellationToken.None))));

        Assert.Equal(await SnapshotAsync(reference), await SnapshotAsync(database));
    }

    [Fact]
    public async Task TheStoredQueriesAndTablesTheOrleansProvidersNeedExist()
    {
        var database = await postgres.CreateDatabaseAsync("orleans_schema_keys");
        await OrleansPostgresSchema.EnsureCreatedAsync(database, NullLogger.Instance, CancellationToken.None);

        var present = new HashSet<string>(StringComparer.Ordinal);
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                present.Add(reader.GetString(0));
            }
        }

        Assert.Empty(ProviderQueryKeys.Except(present));
        foreach (var table in new[] { "orleansmembershiptable", "orleansstorage", "orleansreminderstable", "orleansstreammessage", "grid_feed_lease" })
        {
            Assert.Equal(1L, await ScalarAsync(database, $"SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = '{table}'"));
        }
    }

    [Fact]
    public async Task TheMembershipQueriesRunAsTheOrleansProviderCallsThem()
    {
        var database = await postgres.CreateDatabaseAsync("orleans_schema_run");
        await OrleansPostgresSchema.EnsureCreatedAsync(database, NullLogger.Instance, CancellationToken.None);

        // The provider reads the text by key and binds its parameters by name, as here.
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using (var insert = new NpgsqlCommand(await StoredQueryAsync(connection, "InsertMembershipVersionKey"), connection))
        {
            insert.Parameters.AddWithValue("DeploymentId", "grid-test");
            Assert.Equal(1L, Convert.ToInt64(await insert.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
        }

        await using var readAll = new NpgsqlCommand(await StoredQueryAsync(connection, "MembershipReadAllKey"), connection);
        readAll.Parameters.AddWithValue("DeploymentId", "grid-test");
        await using var reader = await readAll.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(0, reader.GetInt32(reader.GetOrdinal("version")));
    }

    [Fact]
    public async Task ADatabaseWithOnlyMembershipGetsTheRestOfTheSchema()
    {
        var reference = await postgres.CreateDatabaseAsync("orleans_schema_ref");
        await OrleansPostgresSchema.EnsureCreatedAsync(reference, NullLogger.Instance, CancellationToken.None);
        var database = await postgres.CreateDatabaseAsync("orleans_schema_partial");
        await ExecuteAsync(database, ShippedScript("PostgreSQL-Main.sql") + ShippedScript("PostgreSQL-Clustering.sql"));

        await OrleansPostgresSchema.EnsureCreatedAsync(database, NullLogger.Instance, CancellationToken.None);

        Assert.Equal(await SnapshotAsync(reference), await SnapshotAsync(database));
    }

    [Fact]
    public async Task AMissingDatabaseIsNamedWithTheSettingToCheckButNeverThePassword()
    {
        var missing = new NpgsqlConnectionStringBuilder(postgres.ConnectionString)
        {
            Database = "grid_no_such_database",
            Password = "hunter2-secret",
        }.ConnectionString;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => OrleansPostgresSchema.EnsureCreatedAsync(missing, NullLogger.Instance, CancellationToken.None));

        Assert.Contains("Database=grid_no_such_database", error.Message, StringComparison.Ordinal);
        Assert.Contains("Grid:Cluster:Postgres", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", error.Message, StringComparison.Ordinal);
    }

    /// <summary>What one creation leaves behind: stored queries, tables, functions and procedures, sequences.</summary>
    private static async Task<SchemaSnapshot> SnapshotAsync(string database) => new(
        await ScalarAsync(database, "SELECT count(*) FROM OrleansQuery"),
        await ScalarAsync(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"),
        await ScalarAsync(database, "SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace"),
        await ScalarAsync(database, "SELECT count(*) FROM pg_sequences WHERE schemaname = 'public'"));

    private static async Task<string> StoredQueryAsync(NpgsqlConnection connection, string key)
    {
        await using var command = new NpgsqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static string ShippedScript(string file)
    {
        using var stream = typeof(OrleansPostgresSchema).Assembly.GetManifestResourceStream("Grid.Silo.ThirdParty.Orleans.AdoNet.PostgreSql." + file)
            ?? throw new InvalidOperationException($"{file} is not embedded in Grid.Silo");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed record SchemaSnapshot(long Queries, long Tables, long Functions, long Sequences);
}
