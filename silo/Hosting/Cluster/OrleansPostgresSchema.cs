using System.Reflection;
using Grid.Silo.Feeds.Leases;
using Npgsql;

namespace Grid.Silo.Hosting.Cluster;

/// <summary>
/// Creates, at start, what the Orleans ADO.NET providers expect in the cluster database (their
/// official scripts, embedded from ThirdParty/Orleans.AdoNet.PostgreSql) and Grid's feed-lease table.
/// The scripts are not idempotent, so each runs only when a query key it inserts is missing; all of
/// it happens in one transaction under an advisory lock, so silos starting together create the
/// schema once (the others wait, then find it) and a failure leaves nothing half made.
/// </summary>
public static partial class OrleansPostgresSchema
{
    // "Grid" and 2: apart from the key Grid.Runtime's own schema takes (…0001), so the two never wait on each other.
    private const long SchemaLockKey = 0x47726964_0002;

    // Creating the schema takes well under a second; this bounds the wait behind a silo that
    // holds the lock, not the normal case.
    private const int LockTimeoutSeconds = 120;

    // Named in errors, so the user knows what to fix; the value itself is never printed.
    private const string Setting = "Grid:Cluster:Postgres";

    private const string ResourcePrefix = "Grid.Silo.ThirdParty.Orleans.AdoNet.PostgreSql.";

    /// <summary>
    /// The scripts in the order they must run (Main makes the OrleansQuery table the others fill),
    /// each with a query key that only it inserts: present means the script ran, since each ran
    /// whole in one transaction. GrainDirectory comes last: nothing else depends on it.
    /// </summary>
    private static readonly (string Part, string Resource, string QueryKey)[] Scripts =
    [
        ("Main", "PostgreSQL-Main.sql", ""),
        ("Clustering", "PostgreSQL-Clustering.sql", "UpdateIAmAlivetimeKey"),
        ("Persistence", "PostgreSQL-Persistence.sql", "WriteToStorageKey"),
        ("Reminders", "PostgreSQL-Reminders.sql", "UpsertReminderRowKey"),
        ("Streaming", "PostgreSQL-Streaming.sql", "QueueStreamMessageKey"),
        ("GrainDirectory", "PostgreSQL-GrainDirectory.sql", "RegisterGrainActivationKey"),
    ];

    /// <summary>
    /// Creates whatever of Orleans' schema (membership, grain state, reminders, streams, grain
    /// directory) and Grid's lease table is missing in the database of
    /// <paramref name="connectionString"/>; a no-op when all of it exists.
    /// </summary>
    /// <exception cref="InvalidOperationException">The database cannot be reached or refused; the message names it (without the password) and the setting to check.</exception>
    public static async Task EnsureCreatedAsync(string connectionString, ILogger logger, CancellationToken ct, string setting = Setting)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(logger);
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "grid-schema" };
        var where = Describe(builder);
        try
        {
            var created = await CreateMissingAsync(builder.ConnectionString, ct).ConfigureAwait(false);
            if (created.Count == 0)
            {
                LogPresent(logger, where);
            }
            else
            {
                LogCreated(logger, where, string.Join(", ", created));
            }
        }
        catch (PostgresException ex)
        {
            throw new InvalidOperationException(
                $"PostgreSQL at {where} refused to create the Orleans cluster schema ({ex.SqlState}: {ex.MessageText}): " +
                $"check {setting}, and that its role may create tables and functions in that database.",
                ex);
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException(
                $"PostgreSQL at {where} could not be reached to create the Orleans cluster schema ({ex.Message}): " +
                $"check {setting} and that the server is running.",
                ex);
        }
    }

    private static async Task<List<string>> CreateMissingAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockCommand.CommandTimeout = LockTimeoutSeconds;
            lockCommand.Parameters.Add(new NpgsqlParameter<long> { TypedValue = SchemaLockKey });
            await lockCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        // Read under the lock: a silo that waited sees what the one before it committed.
        var existingKeys = await ReadQueryKeysAsync(connection, transaction, ct).ConfigureAwait(false);
        var created = new List<string>();
        foreach (var (part, resource, queryKey) in Scripts)
        {
            var present = queryKey.Length == 0 ? existingKeys is not null : existingKeys?.Contains(queryKey) == true;
            if (present)
            {
                continue;
            }

            await ExecuteAsync(connection, transaction, ReadScript(resource), ct).ConfigureAwait(false);
            existingKeys ??= [];
            created.Add(part);
        }

        if (!await ExistsAsync(connection, transaction, MembershipLeaseSchema.Table, ct).ConfigureAwait(false))
        {
            await ExecuteAsync(connection, transaction, MembershipLeaseSchema.Sql, ct).ConfigureAwait(false);
            created.Add("Grid's feed leases");
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return created;
    }

    /// <summary>The stored query keys, or null when the OrleansQuery table itself is missing.</summary>
    private static async Task<HashSet<string>?> ReadQueryKeysAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        if (!await ExistsAsync(connection, transaction, "orleansquery", ct).ConfigureAwait(false))
        {
            return null;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT querykey FROM orleansquery", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table });
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is true;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static string ReadScript(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + resource)
            ?? throw new InvalidOperationException($"The silo was built without its embedded Orleans script {resource} (ThirdParty/Orleans.AdoNet.PostgreSql): rebuild it.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    // Where, never with what secret: only the fields that identify the database.
    private static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"Host={builder.Host};Port={builder.Port};Database={builder.Database ?? builder.Username};Username={builder.Username}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster database {Where}: the Orleans schema and Grid's feed leases are present")]
    private static partial void LogPresent(ILogger logger, string where);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster database {Where}: created {Parts}")]
    private static partial void LogCreated(ILogger logger, string where, string parts);
}
