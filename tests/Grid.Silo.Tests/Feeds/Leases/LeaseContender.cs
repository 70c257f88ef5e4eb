using System.Collections.Concurrent;
using Grid.Silo.Feeds.Leases;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Grid.Silo.Tests.Feeds.Leases;

/// <summary>
/// One silo contending for a lease through its own <see cref="MembershipLeases"/> and connection
/// pool, as a real silo would. Its work records each grant and holds until the lease is lost, or for
/// <c>holdFor</c> and then returns (letting the lease go).
/// </summary>
internal sealed class LeaseContender : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<LeaseGrant> _grants = new();
    private readonly TimeSpan? _holdFor;
    private readonly HoldCounter? _counter;
    private readonly Task _run;
    private int _holding;
    private int _cancellations;

    public LeaseContender(string connectionString, LeaseHolder holder, string lease, TimeSpan interval, TimeSpan? holdFor = null, HoldCounter? counter = null)
    {
        Holder = holder;
        _holdFor = holdFor;
        _counter = counter;
        _dataSource = NpgsqlDataSource.Create(connectionString);
        var leases = new MembershipLeases(
            _dataSource,
            holder,
            Options.Create(new MembershipLeaseOptions { CheckInterval = interval }),
            NullLogger<MembershipLeases>.Instance);
        _run = Task.Run(() => leases.RunWhileHeldAsync(lease, WorkAsync, _stopping.Token));
    }

    public LeaseHolder Holder { get; }

    public IReadOnlyList<LeaseGrant> Grants => [.. _grants];

    public bool IsHolding => Volatile.Read(ref _holding) == 1;

    /// <summary>How often the work was cancelled while holding (the lease was lost or the silo stopped).</summary>
    public int Cancellations => Volatile.Read(ref _cancellations);

    /// <summary>The silo stops: the lease's work ends and the lease is released.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stopping.Dispose();
        await _dataSource.DisposeAsync();
    }

    private async Task WorkAsync(LeaseGrant grant, CancellationToken held)
    {
        _grants.Enqueue(grant);
        _counter?.Enter(grant);
        Volatile.Write(ref _holding, 1);
        try
        {
            await Task.Delay(_holdFor ?? Timeout.InfiniteTimeSpan, held);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancellations);
            throw;
        }
        finally
        {
            Volatile.Write(ref _holding, 0);
            _counter?.Exit();
        }
    }
}
