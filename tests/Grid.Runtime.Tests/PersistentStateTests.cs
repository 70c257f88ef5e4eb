using Grid.Runtime.Serialization;
using Grid.Runtime.State;
using Grid.Runtime.Tests.Grains;
using Grid.Runtime.Tests.Harness;
using Grid.Testing.Postgres;
using Npgsql;

namespace Grid.Runtime.Tests;

/// <summary>Optimistic concurrency, the same for the memory provider and a real PostgreSQL.</summary>
public sealed class PersistentStateTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly GrainId Egypt = new("profile", "EG");

    public static TheoryData<string> Storages => new() { "memory", "postgres" };

    private async Task<IGrainStorage> StorageAsync(string kind)
    {
        if (kind == "memory")
        {
            return new MemoryGrainStorage();
        }

        var storage = new PostgresGrainStorage(NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("state")));
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }

    private static PersistentState<Profile> State(IGrainStorage storage) =>
        new(Egypt, "profile", storage, new GridSerializer([]));

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task WriteWithAStaleEtagIsReportedAsAConflict(string kind)
    {
        var storage = await StorageAsync(kind);
        var first = State(storage);
        var second = State(storage);
        await first.ReadStateAsync();
        await second.ReadStateAsync();

        first.State.Name = "Egypt";
        await first.WriteStateAsync();
        second.State.Name = "stale";

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => second.WriteStateAsync());
        Assert.Null(conflict.ExpectedEtag);
        Assert.Equal(first.Etag, conflict.StoredEtag);

        await second.ReadStateAsync();
        Assert.Equal("Egypt", second.State.Name);
        second.State.Name = "Egypt, 28 Jan 2011";
        await second.WriteStateAsync();
        await Assert.ThrowsAsync<InconsistentStateException>(() => first.WriteStateAsync());
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task ClearThenRecreateNeverReusesAnEtag(string kind)
    {
        var storage = await StorageAsync(kind);
        var holder = State(storage);
        await holder.ReadStateAsync();
        holder.State.Name = "v1";
        await holder.WriteStateAsync();
        var staleEtagHolder = State(storage);
        await staleEtagHolder.ReadStateAsync();

        await holder.ClearStateAsync();
        Assert.False(holder.RecordExists);
        holder.State.Name = "v2";
        await holder.WriteStateAsync();

        Assert.NotEqual(staleEtagHolder.Etag, holder.Etag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => staleEtagHolder.WriteStateAsync());
        await Assert.ThrowsAsync<InconsistentStateException>(() => staleEtagHolder.ClearStateAsync());
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task ReadingAMissingRecordGivesAFreshState(string kind)
    {
        var state = State(await StorageAsync(kind));

        await state.ReadStateAsync();

        Assert.False(state.RecordExists);
        Assert.Equal("", state.State.Name);
    }

    [Fact]
    public async Task PostgresStorageCreatesItsTableWhenTheSiloStarts()
    {
        var database = await postgres.CreateDatabaseAsync("schema");
        await using var silo = await TestSilo.StartAsync(postgres: database);

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT to_regclass('grid_grain_state') IS NOT NULL", connection);
        Assert.True((bool)(await command.ExecuteScalarAsync())!);
    }
}
