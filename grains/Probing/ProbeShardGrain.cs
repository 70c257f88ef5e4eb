using Grid.Bgp.Model;
using Grid.Grains.Entities;
using Grid.Geography;
using Grid.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Probing;

/// <summary>
/// The blocks of one probe shard and their Trinocular beliefs (Quan, Heidemann, Pradkin, SIGCOMM
/// 2013, §3.2). Every vantage point's results for these blocks land here, whichever silo took them,
/// so a block has one belief in the cluster. At each bin close, on multiples of Grid:Probing:Interval
/// in wall time (every shard closes the same bin at the same instant), the shard sends every country
/// and AS with blocks here its absolute part of the bin (<see cref="ShardProbeBin"/>); the entity
/// sums the shards of that bin. A timer that keeps the grain alive runs while the shard has blocks.
/// The beliefs are persisted at each close that follows an observation, and when the shard is
/// deactivated: a shard adopted after its silo died resumes from the beliefs of its last closed bin
/// (what the open bin observed is lost with the silo), one moved gracefully from where it stopped.
/// Prefer-local: the prober is the hot path, so its shards live on the prober's silo.
/// </summary>
[GrainType("probe-shard")]
[Orleans.Placement.PreferLocalPlacement]
public sealed partial class ProbeShardGrain(
    [PersistentState("probe-blocks")] IPersistentState<ProbeShardState> state,
    IOptions<ProbeBinOptions> options,
    IOptions<Signals.SignalOptions> signals,
    IGeography geography,
    SiloActivations activations,
    ILogger<ProbeShardGrain> logger) : Grain, IProbeShardGrain
{
    private const string Kind = "probe-shard";

    /// <summary>At most this many entity calls in flight at a close, as the prober's bins were sent before.</summary>
    private const int ReportsInFlight = 1024;

    private readonly List<CountryBlock> _pieces = [];
    private BlockTable _table = new();
    private Dictionary<string, ShardProbeBin> _lastBins = new(StringComparer.Ordinal);
    private IGrainTimer? _binTimer;
    // Bins that have ended, by their end, kept for results measured in them that arrive late.
    private readonly SortedDictionary<DateTimeOffset, PastBin> _past = [];
    private IGrainTimer? _lateTimer;
    private DateTimeOffset _lastClose;
    private bool _unsaved;

    private string Key => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        activations.Activated(Kind, Key);
        _table = BlockTable.Restore(state.State);
        if (_table.Count > 0)
        {
            StartBins();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        activations.Deactivated(Kind, Key);
        // A graceful move (a rebalance, a rolling deploy) keeps the open bin's beliefs too.
        await SaveAsync(cancellationToken);
    }

    public async Task<ProbeBeliefs> Observe(ProbeObservation[] batch, string sender)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(sender);
        StartBins();
        var senderIndex = _table.SenderIndex(sender);
        // An outside sender's blocks that no shard table holds yet need room in the ledger first.
        var grant = ProbeSenders.IsTrusted(sender) ? new BlockGrant(int.MaxValue, ProbeRefusal.None) : await GrantNewBlocksAsync(batch, sender);
        var granted = grant.Granted;
        ProbeRefusal[]? refusals = null;
        var before = new float[batch.Length];
        var after = new float[batch.Length];
        var now = DateTimeOffset.UtcNow;
        var open = BinStart(now);
        for (var i = 0; i < batch.Length; i++)
        {
            var seen = batch[i];
            // A result measured in a bin that has ended lands in that bin, not in the open one.
            var ended = seen.At != default && BinStart(seen.At) < open;
            if (ended && now - (BinStart(seen.At) + options.Value.Interval) > signals.Value.MaxLateness)
            {
                // Past Grid:Signals:MaxLateness: the intake refuses these; one that slipped through counts nowhere.
                continue;
            }

            var row = _table.Find(seen.Address);
            if (row < 0 && granted == 0)
            {
                (refusals ??= new ProbeRefusal[batch.Length])[i] = grant.Short;
                continue;
            }

            if (row < 0)
            {
                granted--;
                // A block keeps the entity it was first seen with; a sender that does not know the
                // country leaves it to this silo's geography.
                var country = seen.Country == default ? CountryOf(seen.Address) : seen.Country;
                row = _table.Add(seen.Address, country, seen.Asn, seen.Availability > 0 ? seen.Availability : TrinocularBelief.DefaultAvailability);
            }
            else if (seen.Availability > 0)
            {
                _table.SetAvailability(row, seen.Availability);
            }

            before[i] = (float)_table.Belief(row);
            if (ended)
            {
                PastOf(BinStart(seen.At) + options.Value.Interval).Observe(row, seen.Sent, seen.Replied, seen.RttSumMs, seen.RttCount, senderIndex);
                _table.Learn(row, _table.Bin - (int)((open - BinStart(seen.At)).Ticks / options.Value.Interval.Ticks), seen.Sent, seen.Replied);
                _lateTimer ??= this.RegisterGrainTimer(ReportLateAsync, new GrainTimerCreationOptions(LateReportDelay, Timeout.InfiniteTimeSpan) { Interleave = true });
            }
            else
            {
                _table.Observe(row, seen.Sent, seen.Replied, seen.RttSumMs, seen.RttCount);
                _table.Saw(row, senderIndex);
            }

            after[i] = (float)_table.Belief(row);
        }

        _unsaved |= batch.Length > 0;
        return new ProbeBeliefs(before, after, refusals);
    }

    /// <summary>Asks the ledger for room for the distinct new blocks of an outside sender's batch (one call, only when there are some).</summary>
    private async Task<BlockGrant> GrantNewBlocksAsync(ProbeObservation[] batch, string sender)
    {
        var fresh = new HashSet<uint>();
        foreach (var seen in batch)
        {
            if (_table.Find(seen.Address) < 0)
            {
                fresh.Add(seen.Address & 0xFFFFFF00);
            }
        }

        return fresh.Count == 0
            ? new BlockGrant(0, ProbeRefusal.None)
            : await GrainFactory.GetGrain<IProbeBlockLedgerGrain>(IProbeBlockLedgerGrain.Key).Grant(sender, fresh.Count);
    }

    public Task<ShardProbeBin?> LastBinOf(string entity)
    {
        if (_table.Count == 0)
        {
            // Asked by an entity before any result came: nothing here to keep alive for.
            DeactivateOnIdle();
        }

        return Task.FromResult(_lastBins.GetValueOrDefault(entity));
    }

    public Task<ProbeCensus> Census()
    {
        if (_table.Count == 0)
        {
            // The status endpoint asks every shard; an empty one need not stay.
            DeactivateOnIdle();
            return Task.FromResult(default(ProbeCensus));
        }

        int up = 0, down = 0;
        for (var row = 0; row < _table.Count; row++)
        {
            _ = _table.State(row) switch
            {
                BlockState.Up => up++,
                BlockState.Down => down++,
                _ => 0,
            };
        }

        return Task.FromResult(new ProbeCensus(_table.Count, up, down, _table.Count - up - down));
    }

    /// <summary>Starts the bin timer once the shard has blocks. Interleaved: results keep landing while a close reports to entities.</summary>
    private void StartBins() =>
        _binTimer ??= this.RegisterGrainTimer(CloseBinAsync, new GrainTimerCreationOptions(UntilNextClose(), Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });

    private async Task CloseBinAsync(CancellationToken cancellationToken)
    {
        // The boundary nearest now: a timer may wake a moment early, and every shard must name the bin alike.
        var now = DateTimeOffset.UtcNow;
        var at = BinStart(now + (options.Value.Interval / 2));
        // One-shot, armed anew each time: a period would drift by the callback's length and lose the alignment.
        _binTimer!.Change(at + options.Value.Interval - now, Timeout.InfiniteTimeSpan);
        if (at <= _lastClose)
        {
            return;
        }

        _lastClose = at;
        var bins = ProbeBinAggregate.Of(_table, Key, at, geography.Regions);
        var closed = PastBin.Closed(_table, at);
        if (_past.TryGetValue(at, out var early))
        {
            // Results measured in this bin that came between its end and this close.
            closed.Add(early);
            foreach (var (key, part) in ProbeBinAggregate.Of(_table, closed, Key, geography.Regions))
            {
                bins[key] = part;
            }
        }

        closed.Changed = false;
        _past[at] = closed;
        while (_past.Count > 0 && now - _past.Keys.First() > signals.Value.MaxLateness)
        {
            _past.Remove(_past.Keys.First());
        }

        _table.NextBin(options.Value.StaleBins);
        _lastBins = bins;
        await SaveAsync(cancellationToken);
        await ReportAsync(bins);
    }

    public Task<ProbeBlockHistory[]> RecentResults(string entity, DateTimeOffset from, DateTimeOffset until, int maxBlocks) =>
        Task.FromResult(ProbeEvidence.Of(_table, _past.Values.Where(b => b.At >= from && b.At <= until), entity, maxBlocks, geography.Regions));

    /// <summary>Late results wait this long for the rest of their upload, then their bins' parts are sent again.</summary>
    private static readonly TimeSpan LateReportDelay = TimeSpan.FromSeconds(1);

    /// <summary>The ended bin that ends at <paramref name="end"/>: as it closed here, or empty when this shard did not close it.</summary>
    private PastBin PastOf(DateTimeOffset end)
    {
        if (!_past.TryGetValue(end, out var bin))
        {
            _past[end] = bin = PastBin.Empty(end, _table.Count);
        }

        return bin;
    }

    /// <summary>
    /// Sends the parts of every ended bin that late results changed, oldest first: each entity
    /// replaces this shard's part of that bin (EntityProbes) and records the bin's sum at its time.
    /// </summary>
    private async Task ReportLateAsync(CancellationToken cancellationToken)
    {
        _lateTimer?.Dispose();
        _lateTimer = null;
        foreach (var bin in _past.Values.Where(b => b.Changed).ToList())
        {
            bin.Changed = false;
            var parts = ProbeBinAggregate.Of(_table, bin, Key, geography.Regions);
            if (bin.At == _lastClose)
            {
                _lastBins = parts;
            }

            await ReportAsync(parts);
        }
    }

    /// <summary>Writes the beliefs when something was observed since the last write.</summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (!_unsaved)
        {
            return;
        }

        _unsaved = false;
        state.State = _table.Snapshot();
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _unsaved = true;
            LogWriteFailed(logger, Key, e.GetBaseException().Message);
        }
    }

    private async Task ReportAsync(Dictionary<string, ShardProbeBin> bins)
    {
        var failed = 0;
        foreach (var chunk in bins.Chunk(ReportsInFlight))
        {
            var calls = chunk.Select(bin => SiloLossRetry.RunAsync(() => EntityOf(bin.Key).ReportProbes(bin.Value))).ToArray();
            try
            {
                await Task.WhenAll(calls);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // An entity that missed its part reads it with LastBinOf when it activates again.
                failed += calls.Count(c => !c.IsCompletedSuccessfully);
                LogReportFailed(logger, Key, failed, e.GetBaseException().Message);
            }
        }
    }

    // By the key's kind, not its first letters: AS is also American Samoa's country code.
    private IEntityGrain EntityOf(string key) => GrainFactory.Entity(EntityKey.Parse(key));

    private DateTimeOffset BinStart(DateTimeOffset at) => ProbeBinOptions.BinStart(at, options.Value.Interval);

    private TimeSpan UntilNextClose()
    {
        var now = DateTimeOffset.UtcNow;
        return BinStart(now) + options.Value.Interval - now;
    }

    private CountryCode CountryOf(uint address)
    {
        _pieces.Clear();
        geography.Split(Prefix.IPv4(address, 32), _pieces);
        return _pieces.Count == 0 ? CountryCode.Unknown : _pieces[0].Country;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Probe shard {Shard}: beliefs not written ({Reason}); tried again at the next close")]
    private static partial void LogWriteFailed(ILogger logger, string shard, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Probe shard {Shard}: {Failed} entities did not take their part of the bin ({Reason}); they read it when activated again")]
    private static partial void LogReportFailed(ILogger logger, string shard, int failed, string reason);
}
