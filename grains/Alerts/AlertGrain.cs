using Grid.Grains.Detection;
using Grid.Grains.Elections;
using Grid.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace Grid.Grains.Alerts;

/// <summary>
/// Turns level changes into deliveries and hands each to its subscription's outbox
/// (<see cref="ISubscriptionOutboxGrain"/>), which stores it and sends it on its own. This grain
/// awaits only those stores, never a webhook: a dead receiver holds up neither the other
/// subscribers nor the anomalies stream.
/// </summary>
[GrainType("alerts")]
[ImplicitStreamSubscription(AnomalyStream.Namespace)]
public sealed partial class AlertGrain(
    [PersistentState("outbox")] IPersistentState<AlertState> state,
    IOptions<ElectionOptions> elections,
    IOptions<Probing.ProbeBinOptions> probing,
    Watch.IWatchRiskScorer risks,
    TimeProvider time,
    SiloActivations activations,
    ILogger<AlertGrain> logger) : Grain, IAlertGrain, IAsyncObserver<AnomalyEvent>, IRemindable
{
    private const int SeenKept = 10_000;

    /// <summary>The reminder this grain kept while it sent deliveries itself; one still stored is dropped when it fires.</summary>
    private const string LegacyOutboxReminder = "outbox";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        activations.Activated(this.GetGrainId().Type.ToString()!, this.GetPrimaryKeyString());
        await HandOverLegacyOutboxAsync();

        // An implicit subscription exists for this grain's key; attaching the handler is up to the activation.
        var stream = this.GetStreamProvider(AnomalyStream.Provider).GetStream<AnomalyEvent>(StreamId.Create(AnomalyStream.Namespace, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync(this);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        activations.Deactivated(this.GetGrainId().Type.ToString()!, this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public async Task OnNextAsync(AnomalyEvent item, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        // Most changes are unknown ↔ normal (a silo warming up 75k entities): no subscription hears those.
        if (!AlertRouting.CanMatch(item) || state.State.SeenAnomalies.Contains(item.Id))
        {
            return;
        }

        // One ingest key alone cannot raise an alert (issue 21, finding 6): its change stays in the events, marked.
        if (item.SingleSource is not null && !probing.Value.AlertOnSingleSource)
        {
            LogHeldSingleSource(logger, item.Entity, item.Level.Name(), item.SingleSource);
            return;
        }

        var subscriptions = await GrainFactory.GetGrain<ISubscriptionsGrain>(ISubscriptionsGrain.Key).List();
        var calendar = item.Country is null ? [] : await GrainFactory.GetGrain<IElectionCalendarGrain>(IElectionCalendarGrain.Key).List(item.Country);
        // The kinds of the windows that hold for this entity (a region entry only for its region): election-only
        // subscribers hear elections' windows; every alert is tagged with the kinds (election, exam, protest…).
        var holding = calendar.Where(e => e.Concerns(item.Entity) && elections.Value.Watches(e, item.At)).ToList();
        var kinds = holding.Select(e => e.WatchKind).Distinct(StringComparer.Ordinal).ToArray();
        var inElection = kinds.Contains(Watch.WatchKinds.Election);
        var tags = AlertRouting.Tags(kinds);
        var now = time.GetUtcNow();
        var matching = subscriptions.Where(s => AlertRouting.Matches(s, item, inElection)).ToList();
        if (matching.Count == 0)
        {
            return;
        }

        // Each window's entry with its risk, so a responder sees why this change matters now (issue 20, item 3).
        var watch = new List<AlertWatch>(holding.Count);
        foreach (var entry in holding)
        {
            var risk = await risks.ScoreAsync(entry, CancellationToken.None);
            watch.Add(new AlertWatch(entry.Id, entry.WatchKind, entry.Type, risk?.Level, risk?.Score));
        }

        var deliveries = matching.Select(s => NewDelivery(item, s, tags, watch, now)).ToList();

        // Stored in every outbox before the anomaly counts as seen: a crash in between hears the
        // change again and enqueues it again, which each outbox drops by the delivery's id.
        await Task.WhenAll(deliveries.Select(d => GrainFactory.GetGrain<ISubscriptionOutboxGrain>(d.SubscriptionId).Enqueue(d)));
        state.State.Outboxes.UnionWith(deliveries.Select(d => d.SubscriptionId));
        state.State.SeenAnomalies.Add(item.Id);
        if (state.State.SeenAnomalies.Count > SeenKept)
        {
            state.State.SeenAnomalies.RemoveRange(0, state.State.SeenAnomalies.Count - SeenKept);
        }

        await state.WriteStateAsync();
    }

    public async Task<AlertDelivery[]> List(AlertDeliveryStatus? status)
    {
        var outboxes = await OutboxesAsync();
        var lists = await Task.WhenAll(outboxes.Select(o => o.List(status)));
        return [.. lists.SelectMany(l => l).OrderByDescending(d => d.CreatedAt)];
    }

    public async Task<int> Resume()
    {
        var outboxes = await OutboxesAsync();
        return (await Task.WhenAll(outboxes.Select(o => o.Resume()))).Sum();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == LegacyOutboxReminder && await this.GetReminder(LegacyOutboxReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// The outboxes this grain enqueued to, and those of the current subscriptions: a crash after an
    /// enqueue but before this grain's write leaves a delivery this grain has not recorded.
    /// </summary>
    private async Task<IEnumerable<ISubscriptionOutboxGrain>> OutboxesAsync()
    {
        var subscriptions = await GrainFactory.GetGrain<ISubscriptionsGrain>(ISubscriptionsGrain.Key).List();
        return state.State.Outboxes.Union(subscriptions.Select(s => s.Id), StringComparer.Ordinal)
            .Select(id => GrainFactory.GetGrain<ISubscriptionOutboxGrain>(id));
    }

    private static AlertDelivery NewDelivery(AnomalyEvent anomaly, Subscription subscription, string[] tags, IReadOnlyList<AlertWatch> watch, DateTimeOffset now)
    {
        var id = WebhookBody.DeliveryId(anomaly.Id, subscription.Id);
        var body = WebhookBody.Write(anomaly, id, subscription, tags, watch);
        return new AlertDelivery
        {
            Id = id,
            SubscriptionId = subscription.Id,
            AnomalyId = anomaly.Id,
            Entity = anomaly.Entity,
            Level = anomaly.Level,
            Tags = tags,
            Url = subscription.Url,
            Body = body,
            Signature = WebhookBody.Sign(body, subscription.Secret),
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    /// <summary>Deliveries this grain stored before the outboxes were per subscription go to theirs, then leave this state.</summary>
    private async Task HandOverLegacyOutboxAsync()
    {
        if (state.State.Outbox.Count == 0)
        {
            return;
        }

        var bySubscription = state.State.Outbox.GroupBy(d => d.SubscriptionId, StringComparer.Ordinal).ToList();
        await Task.WhenAll(bySubscription.Select(async deliveries =>
        {
            var outbox = GrainFactory.GetGrain<ISubscriptionOutboxGrain>(deliveries.Key);
            foreach (var delivery in deliveries.OrderBy(d => d.CreatedAt))
            {
                await outbox.Enqueue(delivery);
            }
        }));
        state.State.Outboxes.UnionWith(bySubscription.Select(g => g.Key));
        LogHandedOver(logger, state.State.Outbox.Count, bySubscription.Count);
        state.State.Outbox.Clear();
        await state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Handed {Deliveries} stored alert deliveries to the outboxes of {Subscriptions} subscriptions")]
    private static partial void LogHandedOver(ILogger logger, int deliveries, int subscriptions);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Entity}: {Level} rests on one outside probe sender alone ({Sender}); no alert (Grid:Probing:AlertOnSingleSource=false)")]
    private static partial void LogHeldSingleSource(ILogger logger, string entity, string level, string sender);
}
