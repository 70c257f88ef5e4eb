using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Grid.Runtime.Cluster.Membership;

/// <summary>
/// This silo's row in <c>grid_silo</c> and its view of the others. Liveness is judged only by the
/// database clock (<c>now()</c>), never by comparing silos' local clocks, and a death is declared by
/// one UPDATE that any silo may run: the row lock makes it happen once, as in Orleans' membership table.
/// </summary>
public sealed partial class ClusterMembership
{
    private readonly ClusterDatabase _database;
    private readonly ILogger<ClusterMembership> _logger;
    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile MemberView _view = MemberView.Empty;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private long _lastRefresh;

    internal ClusterMembership(ClusterDatabase database, IOptions<ClusterOptions> options, ILogger<ClusterMembership> logger)
    {
        _database = database;
        _logger = logger;
        Options = options.Value;
        SiloId = Options.SiloId;
        Address = Options.ResolveAdvertisedAddress();
    }

    public string SiloId { get; }

    public Uri Address { get; }

    internal ClusterOptions Options { get; }

    /// <summary>Every silo this one knows of (dead ones for a few minutes), as of the last heartbeat.</summary>
    public IReadOnlyList<ClusterMember> Members => _view.All;

    /// <summary>The ids of active silos, in order: the candidates of placement.</summary>
    public ImmutableArray<string> ActiveSiloIds => _view.Active;

    /// <summary>Bumped whenever the set of active silos changes, so owner caches can tell they are stale.</summary>
    public long Version => _view.Version;

    /// <summary>True from the start of a graceful shutdown: the silo takes no new grains.</summary>
    public bool IsLeaving { get; private set; }

    /// <summary>Completes once this silo's row is in the table.</summary>
    public Task Joined => _joined.Task;

    /// <summary>Raised after a refresh that changed the set of active silos.</summary>
    public event Action? ActiveSilosChanged;

    public ClusterMember? Find(string siloId) => _view.All.FirstOrDefault(m => m.SiloId == siloId);

    internal async Task JoinAsync(CancellationToken cancellationToken)
    {
        await ClusterSchema.CreateAsync(_database.Membership, cancellationToken).ConfigureAwait(false);
        await using var command = _database.Membership.CreateCommand("""
            INSERT INTO grid_silo (silo_id, address, status) VALUES ($1, $2, 'active')
            ON CONFLICT (silo_id) DO UPDATE SET address = EXCLUDED.address, status = 'active', last_heartbeat = now()
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = SiloId });
        command.Parameters.Add(new NpgsqlParameter { Value = Address.ToString() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        LogJoined(_logger, SiloId, Address);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        _joined.TrySetResult();
    }

    /// <summary>
    /// Renews this silo's heartbeat; false if the cluster has declared it dead meanwhile.
    /// Synchronous, for the heartbeat thread: renewing the row needs no thread-pool thread (a pool
    /// busy with grain turns must not get its silo declared dead).
    /// </summary>
    internal bool Heartbeat()
    {
        using var command = _database.Membership.CreateCommand(
            "UPDATE grid_silo SET last_heartbeat = now() WHERE silo_id = $1 AND status <> 'dead'");
        command.Parameters.Add(new NpgsqlParameter { Value = SiloId });
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Declares dead every silo whose last heartbeat is older than <see cref="ClusterOptions.DeadAfter"/>.</summary>
    internal async Task<IReadOnlyList<string>> DeclareOverdueDeadAsync(CancellationToken cancellationToken)
    {
        await using var command = _database.Membership.CreateCommand("""
            UPDATE grid_silo SET status = 'dead'
            WHERE status <> 'dead' AND last_heartbeat < now() - $1::interval AND silo_id <> $2
            RETURNING silo_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = Options.DeadAfter });
        command.Parameters.Add(new NpgsqlParameter { Value = SiloId });
        var declared = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            declared.Add(reader.GetString(0));
        }

        foreach (var silo in declared)
        {
            LogDeclaredDead(_logger, silo, Options.MissedHeartbeats);
        }

        return declared;
    }

    /// <summary>Re-reads the table unless that happened in the last quarter second (callers retrying in bulk share one read).</summary>
    internal async Task RefreshSoonAsync(CancellationToken cancellationToken)
    {
        var last = Interlocked.Read(ref _lastRefresh);
        if (Environment.TickCount64 - last < 250 || Interlocked.CompareExchange(ref _lastRefresh, Environment.TickCount64, last) != last)
        {
            return;
        }

        try
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The heartbeat loop reports an unreachable database; callers keep their old view.
        }
    }

    /// <summary>Re-reads the table; raises <see cref="ActiveSilosChanged"/> if the active set changed.</summary>
    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ReadMembersAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task ReadMembersAsync(CancellationToken cancellationToken)
    {
        await using var command = _database.Membership.CreateCommand("""
            SELECT silo_id, address, status, started_at, EXTRACT(EPOCH FROM now() - last_heartbeat)::float8
            FROM grid_silo
            WHERE status <> 'dead' OR last_heartbeat > now() - interval '5 minutes'
            ORDER BY silo_id
            """);
        var members = new List<ClusterMember>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                members.Add(new ClusterMember(
                    reader.GetString(0),
                    new Uri(reader.GetString(1)),
                    ParseStatus(reader.GetString(2)),
                    reader.GetFieldValue<DateTimeOffset>(3),
                    TimeSpan.FromSeconds(Math.Max(0, reader.GetDouble(4)))));
            }
        }

        Interlocked.Exchange(ref _lastRefresh, Environment.TickCount64);
        var previous = _view;
        var active = members.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloId).ToImmutableArray();
        var changed = !active.SequenceEqual(previous.Active);
        _view = new MemberView(members, active, changed ? previous.Version + 1 : previous.Version);
        if (changed)
        {
            LogActiveSilos(_logger, active.Length, string.Join(", ", active));
            ActiveSilosChanged?.Invoke();
        }
    }

    /// <summary>Starts a graceful shutdown: other silos stop placing grains here.</summary>
    internal async Task MarkLeavingAsync(CancellationToken cancellationToken)
    {
        IsLeaving = true;
        await SetStatusAsync("leaving", cancellationToken).ConfigureAwait(false);
        LogLeaving(_logger, SiloId);
    }

    /// <summary>Ends membership: this silo's claims and leases pass on at once.</summary>
    internal async Task LeaveAsync(CancellationToken cancellationToken)
    {
        await SetStatusAsync("dead", cancellationToken).ConfigureAwait(false);
        LogLeft(_logger, SiloId);
    }

    /// <summary>Forgets silos that have been dead for an hour, so restarts do not grow the table forever.</summary>
    internal async Task PruneAsync(CancellationToken cancellationToken)
    {
        await using var command = _database.Membership.CreateCommand(
            "DELETE FROM grid_silo WHERE status = 'dead' AND last_heartbeat < now() - interval '1 hour'");
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SetStatusAsync(string status, CancellationToken cancellationToken)
    {
        await using var command = _database.Membership.CreateCommand("UPDATE grid_silo SET status = $2 WHERE silo_id = $1 AND status <> 'dead'");
        command.Parameters.Add(new NpgsqlParameter { Value = SiloId });
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static SiloStatus ParseStatus(string status) => status switch
    {
        "active" => SiloStatus.Active,
        "leaving" => SiloStatus.Leaving,
        _ => SiloStatus.Dead,
    };

    private sealed record MemberView(IReadOnlyList<ClusterMember> All, ImmutableArray<string> Active, long Version)
    {
        public static readonly MemberView Empty = new([], [], 0);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} joined the cluster; other silos reach it at {Address}")]
    private static partial void LogJoined(ILogger logger, string siloId, Uri address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Declared silo {SiloId} dead: it missed {Missed} heartbeats")]
    private static partial void LogDeclaredDead(ILogger logger, string siloId, int missed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Active silos now {Count}: {Silos}")]
    private static partial void LogActiveSilos(ILogger logger, int count, string silos);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} is leaving: handing its grains over")]
    private static partial void LogLeaving(ILogger logger, string siloId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} left the cluster")]
    private static partial void LogLeft(ILogger logger, string siloId);
}
