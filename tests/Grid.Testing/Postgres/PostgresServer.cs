using System.Collections.Concurrent;
using System.Text;
using Npgsql;
using Xunit;

namespace Grid.Testing.Postgres;

/// <summary>
/// A real PostgreSQL server for tests, as an xunit class or collection fixture. It uses the server
/// named by GRID_TEST_POSTGRES when that is set (CI does this), and otherwise starts a throw-away
/// instance from the PostgreSQL binaries on this machine. Tests call
/// <see cref="CreateDatabaseAsync"/> to get a database of their own, so they never see each
/// other's rows and may run in parallel.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>An Npgsql connection string to a server where the role may CREATE DATABASE.</summary>
    public const string EnvironmentVariable = "GRID_TEST_POSTGRES";

    private const string NotFoundMessage =
        "PostgreSQL not found: run `bash .ci/run` (installs it), `apt-get install postgresql`, or set " +
        EnvironmentVariable + " to an Npgsql connection string of a server where the role may CREATE DATABASE " +
        "(e.g. Host=127.0.0.1;Username=grid;Password=grid;Database=grid).";

    private readonly ConcurrentBag<string> _createdDatabases = [];
    private TemporaryPostgresInstance? _instance;
    private string? _connectionString;

    /// <summary>Connection string for the server's administrative database.</summary>
    public string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException(
            "PostgresServer is not started: use it as an xunit fixture, or await InitializeAsync() first.");

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _connectionString = configured;
            return;
        }

        var binDirectory = PostgresBinaries.FindBinDirectory()
            ?? throw new InvalidOperationException(NotFoundMessage);
        _instance = await TemporaryPostgresInstance.StartAsync(binDirectory);
        _connectionString = _instance.ConnectionString;
    }

    /// <summary>Creates a fresh, uniquely named database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? prefix = null)
    {
        var name = UniqueDatabaseName(prefix);
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        _createdDatabases.Add(name);
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_instance is not null)
        {
            // The whole throw-away cluster, databases included, goes with its directory.
            await _instance.DisposeAsync();
            return;
        }

        // A configured server is shared and long-lived: drop what we made so runs do not pile up.
        foreach (var name in _createdDatabases)
        {
            using (var pooled = new NpgsqlConnection(
                new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    // PostgreSQL folds unquoted names to lower case and cuts identifiers at 63 bytes; the name is
    // kept to [a-z0-9_] so it never needs escaping beyond the double quotes.
    private static string UniqueDatabaseName(string? prefix)
    {
        var cleaned = new StringBuilder();
        foreach (var c in (prefix ?? "grid").ToLowerInvariant())
        {
            cleaned.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }
        var stem = cleaned.Length == 0 ? "grid" : cleaned.ToString(0, Math.Min(cleaned.Length, 30));
        return $"{stem}_{Guid.NewGuid():N}";
    }
}
