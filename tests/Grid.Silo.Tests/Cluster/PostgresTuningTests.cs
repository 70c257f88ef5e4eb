using Grid.Silo.Hosting;
using Grid.Testing.Postgres;
using Npgsql;

namespace Grid.Silo.Tests.Cluster;

/// <summary>
/// The silo's connection string on a real PostgreSQL: a query the storage repeats is prepared once
/// and stays prepared across returns to the pool, and what the operator set wins over the tuning.
/// </summary>
public sealed class PostgresTuningTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string StateRead = "SELECT $1::int + 1";

    [Fact]
    public async Task AStatementTheStorageRepeatsIsPreparedOnceAndSurvivesTheReturnToThePool()
    {
        var database = await postgres.CreateDatabaseAsync("tuning");
        await using var source = NpgsqlDataSource.Create(GridOrleans.Tuned(database, 1));
        // Three rentals of the pool's one connection, as three grain activations reading state would.
        for (var i = 0; i < 3; i++)
        {
            await using var connection = await source.OpenConnectionAsync();
            await using var read = new NpgsqlCommand(StateRead, connection) { Parameters = { new() { Value = i } } };
            Assert.Equal(i + 1, await read.ExecuteScalarAsync());
        }

        await using var session = await source.OpenConnectionAsync();
        await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement = $1", session) { Parameters = { new() { Value = StateRead } } };
        Assert.Equal(1L, await prepared.ExecuteScalarAsync());
    }

    [Fact]
    public void WhatTheOperatorSetWinsOverTheTuning()
    {
        var tuned = new NpgsqlConnectionStringBuilder(GridOrleans.Tuned("Host=db;Maximum Pool Size=7;Max Auto Prepare=0;No Reset On Close=false", 20));
        Assert.Equal((7, 0, false), (tuned.MaxPoolSize, tuned.MaxAutoPrepare, tuned.NoResetOnClose));

        var defaults = new NpgsqlConnectionStringBuilder(GridOrleans.Tuned("Host=db", 20));
        Assert.Equal((20, 32, true), (defaults.MaxPoolSize, defaults.MaxAutoPrepare, defaults.NoResetOnClose));
    }
}
