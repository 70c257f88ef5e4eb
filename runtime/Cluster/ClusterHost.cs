using Grid.Runtime.Activation;
using Grid.Runtime.Cluster.Membership;
using Grid.Runtime.Cluster.Placement;
using Grid.Runtime.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Grid.Runtime.Cluster;

/// <summary>
/// A silo's life in the cluster: join, then every heartbeat interval renew its own row, declare
/// overdue silos dead and refresh the member view; in a second loop adopt orphaned grains and
/// hand over misplaced ones, so a slow adoption never delays a heartbeat. On SIGTERM it leaves
/// gracefully (leaving → hand every grain over → dead). If the cluster declared it dead, it drops
/// its grains without writing and stops the process, as an Orleans silo does.
/// </summary>
internal sealed partial class ClusterHost(
    ClusterMembership membership,
    GrainAdoption adoption,
    ClusterLeases leases,
    GrainRuntime runtime,
    GridRuntimeReadiness readiness,
    IHostApplicationLifetime lifetime,
    ILogger<ClusterHost> logger) : IHostedService
{
    private const int RoundsPerRebalanceCheck = 30;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _roundDue = new(0, 1);
    private Task _heartbeats = Task.CompletedTask;
    private Task _placement = Task.CompletedTask;
    private Thread? _heartbeatThread;
    private volatile bool _rebalanceDue;
    private volatile bool _declaredDead;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        membership.ActiveSilosChanged += () => _rebalanceDue = true;
        _heartbeats = Task.Run(() => HeartbeatLoopAsync(_stopping.Token), CancellationToken.None);
        _placement = Task.Run(() => PlacementLoopAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        leases.EndAll();
        if (membership.Joined.IsCompleted && !runtime.IsStopping)
        {
            try
            {
                await membership.MarkLeavingAsync(cancellationToken).ConfigureAwait(false);
                var count = runtime.ActivationCount;

                // Each deactivation persists (OnDeactivateAsync) and releases its claim, so other silos adopt at once.
                await runtime.StopAsync(cancellationToken).ConfigureAwait(false);
                LogHandedOverAll(logger, count);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                LogLeaveFailed(logger, ex.Message);
            }
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_heartbeats, _placement).ConfigureAwait(false);
        JoinHeartbeatThread();
        if (membership.Joined.IsCompleted && !_declaredDead)
        {
            try
            {
                await membership.LeaveAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException ex)
            {
                LogLeaveFailed(logger, ex.Message);
            }
        }
    }

    /// <summary>
    /// Stops heartbeats, adoption and leases as a crash would, leaving this silo's rows behind,
    /// so tests in one process can watch the cluster notice a death (processes get kill -9).
    /// </summary>
    internal async Task HaltAsync()
    {
        _declaredDead = true;
        leases.EndAll();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_heartbeats, _placement).ConfigureAwait(false);
        JoinHeartbeatThread();
        runtime.AbandonAll();
    }

    /// <summary>
    /// Joins, starts the heartbeat thread, then every interval declares overdue silos dead and
    /// refreshes the member view. Those two may wait for a busy thread pool: they only delay this
    /// silo's view of the others, never its own heartbeat.
    /// </summary>
    private async Task HeartbeatLoopAsync(CancellationToken stopping)
    {
        await JoinAsync(stopping).ConfigureAwait(false);
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        _heartbeatThread = new Thread(() => RenewHeartbeats(stopping)) { IsBackground = true, Name = "Grid cluster heartbeat" };
        _heartbeatThread.Start();
        using var timer = new PeriodicTimer(membership.Options.HeartbeatInterval);
        try
        {
            while (!_declaredDead && await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    await membership.DeclareOverdueDeadAsync(stopping).ConfigureAwait(false);
                    await membership.RefreshAsync(stopping).ConfigureAwait(false);
                }
                catch (NpgsqlException ex)
                {
                    LogHeartbeatFailed(logger, ex.Message);
                }

                // Only this loop releases, so the check cannot race another release.
                if (_roundDue.CurrentCount == 0)
                {
                    _roundDue.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Renews this silo's row on a thread of its own with a synchronous command. A silo whose
    /// thread pool is saturated by grain turns (a full-table burst) is still alive; with the
    /// heartbeat behind those turns in the pool's queue it would be declared dead, drop its grains
    /// and put the same burst on the next silo.
    /// </summary>
    private void RenewHeartbeats(CancellationToken stopping)
    {
        var interval = membership.Options.HeartbeatInterval;
        while (!stopping.WaitHandle.WaitOne(interval))
        {
            try
            {
                if (!membership.Heartbeat())
                {
                    OnDeclaredDead();
                    return;
                }
            }
            catch (NpgsqlException ex)
            {
                LogHeartbeatFailed(logger, ex.Message);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task JoinAsync(CancellationToken stopping)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await membership.JoinAsync(stopping).ConfigureAwait(false);
                await membership.PruneAsync(stopping).ConfigureAwait(false);
                if (delay > TimeSpan.FromSeconds(1))
                {
                    readiness.Ready();
                }

                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                readiness.NotReady($"the cluster database is unreachable ({ex.Message}); check Grid:Cluster:Postgres");
                LogJoinFailed(logger, ex.Message);
            }

            try
            {
                await Task.Delay(delay, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
        }
    }

    // StopApplication, called on the heartbeat thread when the silo was declared dead, may run the
    // host's stop on that same thread: it must not wait for itself.
    private void JoinHeartbeatThread()
    {
        if (_heartbeatThread is { } thread && thread != Thread.CurrentThread)
        {
            thread.Join();
        }
    }

    private void OnDeclaredDead()
    {
        _declaredDead = true;
        leases.EndAll();
        var dropped = runtime.AbandonAll();
        LogDeclaredDead(logger, membership.SiloId, dropped);
        lifetime.StopApplication();
    }

    private async Task PlacementLoopAsync(CancellationToken stopping)
    {
        try
        {
            for (var round = 1; !stopping.IsCancellationRequested; round++)
            {
                await _roundDue.WaitAsync(stopping).ConfigureAwait(false);

                // Now and then even without a change: a grain activated where a caller's stale
                // view sent it moves to its preferred silo within half a minute.
                if (round % RoundsPerRebalanceCheck == 0)
                {
                    _rebalanceDue = true;
                }

                try
                {
                    if (_rebalanceDue)
                    {
                        _rebalanceDue = false;
                        await adoption.RebalanceAsync(stopping).ConfigureAwait(false);
                    }

                    await adoption.AdoptOrphansAsync(stopping).ConfigureAwait(false);
                }
                catch (NpgsqlException ex)
                {
                    LogPlacementFailed(logger, ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot join the cluster: {Reason}. Check Grid:Cluster:Postgres; retrying with backoff")]
    private static partial void LogJoinFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat failed: {Reason}. Other silos declare this one dead if it misses too many")]
    private static partial void LogHeartbeatFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The cluster declared this silo ({SiloId}) dead; dropped {Dropped} activations without writing their state, stopping the process")]
    private static partial void LogDeclaredDead(ILogger logger, string siloId, int dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adoption or rebalancing failed this round: {Reason}")]
    private static partial void LogPlacementFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Handed over {Count} grains before leaving")]
    private static partial void LogHandedOverAll(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leaving the cluster gracefully failed ({Reason}); other silos take over once this silo's heartbeats stop")]
    private static partial void LogLeaveFailed(ILogger logger, string reason);
}
