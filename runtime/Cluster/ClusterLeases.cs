using Grid.Runtime.Cluster.Membership;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Grid.Runtime.Cluster;

/// <summary>
/// <see cref="IExclusiveLeases"/> on PostgreSQL: a row per lease in <c>grid_lease</c>. Acquiring is
/// one statement that succeeds iff the lease is free, released, or held by a silo that is dead or
/// gone; the fencing token comes from the cluster's one sequence. A lease needs no renewal of its
/// own: it lives as long as its holder's membership, and the holder checks every heartbeat that
/// the row still names it, cancelling the work the moment it does not.
/// </summary>
internal sealed partial class ClusterLeases(ClusterDatabase database, ClusterMembership membership, ILogger<ClusterLeases> logger) : IExclusiveLeases
{
    private readonly CancellationTokenSource _declaredDead = new();

    /// <summary>This silo is leaving or was declared dead: all work under leases ends and no lease is taken again.</summary>
    internal void EndAll() => _declaredDead.Cancel();

    public async Task RunWhileHeldAsync(string name, Func<LeaseGrant, CancellationToken, Task> work, CancellationToken stopping)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        try
        {
            await membership.Joined.WaitAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var interval = membership.Options.HeartbeatInterval;
        while (!stopping.IsCancellationRequested && !_declaredDead.IsCancellationRequested)
        {
            long? fencing;
            try
            {
                fencing = membership.IsLeaving ? null : await TryAcquireAsync(name, stopping).ConfigureAwait(false);
            }
            catch (NpgsqlException ex)
            {
                LogUnreachable(logger, name, ex.Message);
                fencing = null;
            }

            if (fencing is not { } token)
            {
                await DelayAsync(interval, stopping).ConfigureAwait(false);
                continue;
            }

            LogAcquired(logger, name, token);
            using var held = CancellationTokenSource.CreateLinkedTokenSource(stopping, _declaredDead.Token);
            var watch = WatchAsync(name, token, held, interval);
            try
            {
                await work(new LeaseGrant(name, token), held.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (held.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                LogWorkFailed(logger, ex, name);
            }
            finally
            {
                await held.CancelAsync().ConfigureAwait(false);
                await watch.ConfigureAwait(false);
                await ReleaseAsync(name, token).ConfigureAwait(false);
            }

            await DelayAsync(interval, stopping).ConfigureAwait(false);
        }
    }

    private async Task<long?> TryAcquireAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = database.Main.CreateCommand("""
            INSERT INTO grid_lease AS l (name, silo_id, fencing) VALUES ($1, $2, nextval('grid_fencing'))
            ON CONFLICT (name) DO UPDATE SET silo_id = EXCLUDED.silo_id, fencing = EXCLUDED.fencing, acquired_at = now()
                WHERE l.silo_id IS NULL
                   OR NOT EXISTS (SELECT 1 FROM grid_silo s WHERE s.silo_id = l.silo_id AND s.status <> 'dead')
            RETURNING fencing
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = membership.SiloId });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
    }

    /// <summary>Cancels <paramref name="held"/> as soon as the row no longer names this silo and token.</summary>
    private async Task WatchAsync(string name, long token, CancellationTokenSource held, TimeSpan interval)
    {
        while (!held.IsCancellationRequested)
        {
            await DelayAsync(interval, held.Token).ConfigureAwait(false);
            if (held.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await using var command = database.Main.CreateCommand("SELECT 1 FROM grid_lease WHERE name = $1 AND silo_id = $2 AND fencing = $3");
                command.Parameters.Add(new NpgsqlParameter { Value = name });
                command.Parameters.Add(new NpgsqlParameter { Value = membership.SiloId });
                command.Parameters.Add(new NpgsqlParameter { Value = token });
                if (await command.ExecuteScalarAsync(held.Token).ConfigureAwait(false) is null)
                {
                    LogLost(logger, name, token);
                    await held.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (NpgsqlException ex)
            {
                // Unknown is not lost: the lease is lost when the membership says so (we stop then).
                LogUnreachable(logger, name, ex.Message);
            }
        }
    }

    private async Task ReleaseAsync(string name, long token)
    {
        try
        {
            await using var command = database.Main.CreateCommand("UPDATE grid_lease SET silo_id = NULL WHERE name = $1 AND silo_id = $2 AND fencing = $3");
            command.Parameters.Add(new NpgsqlParameter { Value = name });
            command.Parameters.Add(new NpgsqlParameter { Value = membership.SiloId });
            command.Parameters.Add(new NpgsqlParameter { Value = token });
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            LogReleased(logger, name);
        }
        catch (NpgsqlException ex)
        {
            // It passes on anyway once this silo leaves the membership.
            LogUnreachable(logger, name, ex.Message);
        }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Acquired lease {Name} (fencing token {Token})")]
    private static partial void LogAcquired(ILogger logger, string name, long token);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost lease {Name} (fencing token {Token}): another silo holds it now")]
    private static partial void LogLost(ILogger logger, string name, long token);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released lease {Name}")]
    private static partial void LogReleased(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease {Name}: the cluster database is unreachable ({Reason}); retrying")]
    private static partial void LogUnreachable(ILogger logger, string name, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The work under lease {Name} failed; the lease is released and taken again")]
    private static partial void LogWorkFailed(ILogger logger, Exception exception, string name);
}
