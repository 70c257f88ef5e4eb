using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Grains.Probing;
using Grid.Grains.Signals;
using Grid.Grains.Visibility;
using Grid.Geography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace Grid.Grains.Evidence;

/// <summary>
/// Hears every level change on the anomalies stream beside the alert grain, and seals a bundle for
/// each change of an outage event <see cref="EvidenceOptions.After"/> later. It is its own
/// subscriber and its own grain: a slow seal holds up neither detection nor alerts. Pending seals
/// are persisted and a reminder brings the grain back after a crash to finish them.
/// </summary>
[GrainType("evidence")]
[ImplicitStreamSubscription(AnomalyStream.Namespace)]
public sealed partial class EvidenceGrain(
    [PersistentState("evidence")] IPersistentState<EvidenceState> state,
    IOptions<EvidenceOptions> options,
    IOptions<SignalOptions> signals,
    IOptions<Elections.ElectionOptions> elections,
    IGeography geography,
    IServiceProvider services,
    TimeProvider time,
    ILogger<EvidenceGrain> logger) : Grain, IEvidenceGrain, IAsyncObserver<AnomalyEvent>, IRemindable
{
    private const string SealReminder = "seal";
    private const int SeenKept = 10_000;
    private const int MaxAttempts = 5;
    private IGrainTimer? _timer;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(AnomalyStream.Provider).GetStream<AnomalyEvent>(StreamId.Create(AnomalyStream.Namespace, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync(this);
        ScheduleSeals();
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public async Task OnNextAsync(AnomalyEvent item, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!options.Value.Enabled || Context is null || item.EventId is null || !(item.Level.IsOutage() || item.PreviousLevel.IsOutage()) || state.State.Seen.Contains(item.Id))
        {
            return;
        }
        state.State.Pending.Add(new PendingSeal(item, time.GetUtcNow() + options.Value.After));
        state.State.Seen.Add(item.Id);
        if (state.State.Seen.Count > SeenKept)
        {
            state.State.Seen.RemoveRange(0, state.State.Seen.Count - SeenKept);
        }
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(SealReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        ScheduleSeals();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (await SealDue() == 0 && await this.GetReminder(SealReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task<int> SealDue()
    {
        var now = time.GetUtcNow();
        foreach (var pending in state.State.Pending.Where(p => p.Due <= now).ToList())
        {
            state.State.Pending.Remove(pending);
            try
            {
                await SealAsync(pending.Change);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A seal that fails (the archive's disk or database is away) is tried again, then given up and said.
                if (pending.Attempts + 1 < MaxAttempts)
                {
                    state.State.Pending.Add(pending with { Due = now + TimeSpan.FromSeconds(30), Attempts = pending.Attempts + 1 });
                }
                LogSealFailed(logger, pending.Change.Id, pending.Attempts + 1, MaxAttempts, e.Message);
            }
            await state.WriteStateAsync();
        }
        return state.State.Pending.Count;
    }

    private async Task SealAsync(AnomalyEvent change)
    {
        var context = Context ?? throw new InvalidOperationException("No evidence context: the silo did not set up Grid:Evidence.");
        var settings = options.Value;
        if (!EntityKey.TryParse(change.Entity, out var key))
        {
            return;
        }
        var entity = GrainFactory.Entity(key);
        var watch = await WatchKindsAsync(change);
        var from = change.At - (watch.Length > 0 ? settings.WatchBefore : settings.Before);
        var until = change.At + settings.After;
        var history = await entity.History(change.At - settings.BaselineWindow, until, signals.Value.Step);
        var shards = await entity.VisibilityShards();
        var found = await Task.WhenAll(shards.Select(shard => GrainFactory.GetGrain<IPrefixShardGrain>(shard).RecentChanges(change.Entity, from, until, settings.MaxRouteChanges)));
        var routes = found.SelectMany(changes => changes).OrderBy(route => route.At).ToList();
        var capped = routes.Count > settings.MaxRouteChanges;
        if (capped)
        {
            routes = routes[^settings.MaxRouteChanges..];
        }

        var probes = await ProbeResultsAsync(entity, change.Entity, from, until, settings.MaxProbeBlocks);
        var parts = EvidenceParts.Build(change, history, new EvidenceInputs(routes, capped, probes.Blocks, probes.Capped) { From = from, Until = until, Watch = watch }, context, geography.Current.Regions?.Version);
        var eventId = change.EventId!;
        var (bundle, entry) = await context.Sealer.SealAsync(eventId, change.Entity, change.Level.Name(), time.GetUtcNow(), context.GridVersion, parts, CancellationToken.None);
        // Numbered from what the archive holds: a local silo's state is in memory, its archive on disk.
        var seal = (await context.Archive.ListAsync(eventId, CancellationToken.None)).Count + 1;
        await context.Archive.StoreAsync(new SealedBundle(eventId, seal, change.Level.Name(), entry.Entry.Time, entry.Entry.Index, entry.Entry.ManifestSha256), bundle.ToTarGz(), CancellationToken.None);
        LogSealed(logger, eventId, seal, change.Level.Name(), routes.Count, entry.Entry.Index);
    }

    /// <summary>The kinds of the calendar's windows that held for the entity at the change (none outside any).</summary>
    private async Task<string[]> WatchKindsAsync(AnomalyEvent change)
    {
        if (change.Country is null)
        {
            return [];
        }

        var calendar = await GrainFactory.GetGrain<Elections.IElectionCalendarGrain>(Elections.IElectionCalendarGrain.Key).List(change.Country);
        return [.. calendar.Where(e => e.Concerns(change.Entity) && elections.Value.Watches(e, change.At)).Select(e => e.WatchKind).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The entity's probed blocks through the window from every probe shard that reported for it, changed ones first, capped.</summary>
    private async Task<(ProbeBlockHistory[] Blocks, bool Capped)> ProbeResultsAsync(IEntityGrain entity, string code, DateTimeOffset from, DateTimeOffset until, int max)
    {
        var shards = await entity.ProbeShards();
        var found = await Task.WhenAll(shards.Select(shard => GrainFactory.GetGrain<IProbeShardGrain>(shard).RecentResults(code, from, until, max)));
        var blocks = found.SelectMany(b => b).OrderByDescending(b => b.Changed).ThenBy(b => b.Network).ToArray();
        return blocks.Length > max || found.Any(f => f.Length >= max) ? (blocks[..Math.Min(max, blocks.Length)], true) : (blocks, false);
    }

    /// <summary>The silo's evidence services; none when evidence is off here (the silo's log says why).</summary>
    private EvidenceContext? Context => services.GetService(typeof(EvidenceContext)) as EvidenceContext;

    /// <summary>A timer for the nearest due seal; the reminder is the fallback across crashes.</summary>
    private void ScheduleSeals()
    {
        if (state.State.Pending.Count == 0 || _timer is not null)
        {
            return;
        }
        var period = TimeSpan.FromSeconds(1);
        _timer = this.RegisterGrainTimer(async _ =>
        {
            if (await SealDue() == 0)
            {
                _timer?.Dispose();
                _timer = null;
            }
        }, period, period);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Evidence: sealed event {EventId} #{Seal} ({Level}) with {Routes} route changes; log entry #{LogIndex}")]
    private static partial void LogSealed(ILogger logger, string eventId, int seal, string level, int routes, long logIndex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evidence: sealing {ChangeId} failed (attempt {Attempt} of {MaxAttempts}): {Reason}")]
    private static partial void LogSealFailed(ILogger logger, string changeId, int attempt, int maxAttempts, string reason);
}
