using Microsoft.Extensions.Options;
using Npgsql;

namespace Grid.Silo.Feeds.Leases;

/// <summary>
/// <see cref="IExclusiveLeases"/> on PostgreSQL, with liveness taken from Orleans' own membership:
/// a lease row (<see cref="MembershipLeaseSchema"/>) names its holder as <c>OrleansMembershipTable</c>
/// names the silo. Acquiring is one statement that succeeds iff this silo is Active and the lease
/// is free, released, already this silo's, or held by a silo whose membership row is gone or Dead;
/// Orleans alone decides who is dead, so there is no second failure detector to disagree with it.
/// The fencing token comes from a sequence, so every grant has a larger one than any before it.
/// The holder checks every <see cref="MembershipLeaseOptions.CheckInterval"/> that the row still
/// carries its token and that Orleans has not declared it dead, and cancels the work the moment
/// either fails. One runner per lease name per silo (as <c>ExclusiveFeedHost</c> does).
/// </summary>
internal sealed partial class MembershipLeases(
    NpgsqlDataSource dataSource,
    LeaseHolder holder,
    IOptions<MembershipLeaseOptions> options,
    ILogger<MembershipLeases> logger) : IExclusiveLeases
{
    // A stopping silo must not hang on a database that does not answer: the lease passes on anyway
    // once Orleans declares the silo dead.
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    // The row may be taken over when it has no holder, names this silo (a release that did not
    // reach the database must not lock this silo out of its own lease), or names a silo that
    // Orleans' membership no longer lists or lists as Dead (6). Only an Active (3) silo acquires:
    // one that is joining, shutting down or declared dead would lose the lease at once.
    private const string AcquireSql = """
        WITH me AS (
            SELECT m.Status FROM OrleansMembershipTable m
            WHERE m.DeploymentId = $1 AND m.Address = $3 AND m.Port = $4 AND m.Generation = $5
        ), acquired AS (
            INSERT INTO grid_feed_lease AS l (cluster_id, name, address, port, generation, fencing)
            SELECT $1, $2, $3, $4, $5, nextval('grid_feed_lease_fencing')
            WHERE EXISTS (SELECT 1 FROM me WHERE me.Status = 3)
            ON CONFLICT (cluster_id, name) DO UPDATE
                SET address = EXCLUDED.address, port = EXCLUDED.port, generation = EXCLUDED.generation,
                    fencing = EXCLUDED.fencing, acquired_at = now()
                WHERE l.address IS NULL
                   OR (l.address = EXCLUDED.address AND l.port = EXCLUDED.port AND l.generation = EXCLUDED.generation)
                   OR NOT EXISTS (
                        SELECT 1 FROM OrleansMembershipTable h
                        WHERE h.DeploymentId = l.cluster_id AND h.Address = l.address AND h.Port = l.port
                          AND h.Generation = l.generation AND h.Status <> 6)
            RETURNING l.fencing
        )
        SELECT (SELECT fencing FROM acquired), (SELECT Status FROM me)
        """;

    // Still held: the row carries this grant's token (tokens are unique, so that names this silo)
    // and Orleans has not declared this silo dead, which would let any survivor take it.
    private const string HeldSql = """
        SELECT EXISTS (
            SELECT 1 FROM grid_feed_lease l
            JOIN OrleansMembershipTable m
              ON m.DeploymentId = l.cluster_id AND m.Address = l.address AND m.Port = l.port AND m.Generation = l.generation
            WHERE l.cluster_id = $1 AND l.name = $2 AND l.fencing = $3 AND m.Status <> 6)
        """;

    private const string ReleaseSql = """
        UPDATE grid_feed_lease SET address = NULL, port = NULL, generation = NULL
        WHERE cluster_id = $1 AND name = $2 AND fencing = $3
        """;

    private readonly TimeSpan _interval = options.Value.CheckInterval > TimeSpan.Zero
        ? options.Value.CheckInterval
        : throw new ArgumentOutOfRangeException(nameof(options), options.Value.CheckInterval, $"{MembershipLeaseOptions.Section}:{nameof(MembershipLeaseOptions.CheckInterval)} must be positive.");

    public async Task RunWhileHeldAsync(string name, Func<LeaseGrant, CancellationToken, Task> work, CancellationToken stopping)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(work);
        OrleansSiloStatus? reported = OrleansSiloStatus.Active;
        while (!stopping.IsCancellationRequested)
        {
            long? fencing = null;
            try
            {
                (fencing, var status) = await TryAcquireAsync(name, stopping).ConfigureAwait(false);
                if (status != reported && status != OrleansSiloStatus.Active)
                {
                    // Once per change, not every interval: a silo that never shows up as Active has a
                    // LeaseHolder that does not match what Orleans writes, and waits in standby forever.
                    LogNotActive(logger, name, holder, status?.ToString() ?? "absent");
                }

                reported = status;
            }
            catch (NpgsqlException ex)
            {
                LogUnreachable(logger, name, ex.Message);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }

            if (fencing is { } token)
            {
                await RunHeldAsync(new LeaseGrant(name, token), work, stopping).ConfigureAwait(false);
            }

            await DelayAsync(_interval, stopping).ConfigureAwait(false);
        }
    }

    private async Task RunHeldAsync(LeaseGrant grant, Func<LeaseGrant, CancellationToken, Task> work, CancellationToken stopping)
    {
        LogAcquired(logger, grant.Name, grant.FencingToken, holder);
        using var held = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var watch = WatchAsync(grant, held);
        try
        {
            await work(grant, held.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (held.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogWorkFailed(logger, ex, grant.Name, grant.FencingToken);
        }
        finally
        {
            await held.CancelAsync().ConfigureAwait(false);
            await watch.ConfigureAwait(false);
            await ReleaseAsync(grant).ConfigureAwait(false);
        }
    }

    /// <summary>Cancels <paramref name="held"/> as soon as the lease is no longer this grant's.</summary>
    private async Task WatchAsync(LeaseGrant grant, CancellationTokenSource held)
    {
        while (!held.IsCancellationRequested)
        {
            await DelayAsync(_interval, held.Token).ConfigureAwait(false);
            if (held.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await using var command = Command(HeldSql, grant);
                if (await command.ExecuteScalarAsync(held.Token).ConfigureAwait(false) is not true)
                {
                    LogLost(logger, grant.Name, grant.FencingToken);
                    await held.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
            catch (OperationCanceledException) when (held.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException ex)
            {
                // Unknown is not lost: nobody can take the lease while the database is out either,
                // and once it is back the next check tells whether Orleans declared this silo dead.
                LogUnreachable(logger, grant.Name, ex.Message);
            }
        }
    }

    private async Task<(long? Fencing, OrleansSiloStatus? Status)> TryAcquireAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(AcquireSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = holder.ClusterId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = holder.Address });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = holder.Port });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = holder.Generation });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        long? fencing = reader.IsDBNull(0) ? null : reader.GetInt64(0);
        OrleansSiloStatus? status = reader.IsDBNull(1) ? null : (OrleansSiloStatus)reader.GetInt32(1);
        return (fencing, status);
    }

    private async Task ReleaseAsync(LeaseGrant grant)
    {
        using var timeout = new CancellationTokenSource(ReleaseTimeout);
        try
        {
            await using var command = Command(ReleaseSql, grant);
            await command.ExecuteNonQueryAsync(timeout.Token).ConfigureAwait(false);
            LogReleased(logger, grant.Name, grant.FencingToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException)
        {
            // It passes on anyway: this silo may take it back itself, and a survivor once Orleans
            // declares this silo dead.
            LogUnreachable(logger, grant.Name, ex.Message);
        }
    }

    private NpgsqlCommand Command(string sql, LeaseGrant grant)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = holder.ClusterId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grant.Name });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = grant.FencingToken });
        return command;
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Acquired lease {Name} (fencing token {Token}) as silo {Holder}")]
    private static partial void LogAcquired(ILogger logger, string name, long token, LeaseHolder holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost lease {Name} (fencing token {Token}): another silo holds it now, or Orleans declared this silo dead")]
    private static partial void LogLost(ILogger logger, string name, long token);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released lease {Name} (fencing token {Token})")]
    private static partial void LogReleased(ILogger logger, string name, long token);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lease {Name}: silo {Holder} is {Status} in OrleansMembershipTable, not Active, and waits to contend (if this lasts, its LeaseHolder does not match the row Orleans writes)")]
    private static partial void LogNotActive(ILogger logger, string name, LeaseHolder holder, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease {Name}: the cluster database is unreachable ({Reason}); retrying")]
    private static partial void LogUnreachable(ILogger logger, string name, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The work under lease {Name} (fencing token {Token}) failed; the lease is released and taken again")]
    private static partial void LogWorkFailed(ILogger logger, Exception exception, string name, long token);
}
