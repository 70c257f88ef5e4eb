using Grid.Grains.Detection;
using Grid.Grains.Elections;
using Grid.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace Grid.Grains.Alerts;

/// <summary>
/// Turns level changes into deliveries. Each is written to the outbox (grain state) before any
/// attempt, and marked delivered only after a 2xx answer, so a receiver outage or a silo restart
/// loses none; retries back off exponentially and end as dead letters.
/// </summary>
[GrainType("alerts")]
[ImplicitStreamSubscription(AnomalyStream.Namespace)]
public sealed partial class AlertGrain(
    [PersistentState("outbox")] IPersistentState<AlertState> state,
    IOptions<AlertOptions> options,
    IOptions<ElectionOptions> elections,
    WebhookSender sender,
    TimeProvider time,
    SiloActivations activations,
    ILogger<AlertGrain> logger) : Grain, IAlertGrain, IAsyncObserver<AnomalyEvent>, IRemindable
{
    private const int SeenKept = 10_000;

    /// <summary>
    /// The reminder that outlives this activation: while deliveries are pending, a silo's death
    /// must not leave them waiting for the next anomaly. Orleans reminders are stored (PostgreSQL in
    /// a cluster) and fire on whichever silo then holds the grain, reactivating it.
    /// </summary>
    private const string OutboxReminder = "outbox";
    private bool _reminderSet;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        activations.Activated(this.GetGrainId().Type.ToString()!, this.GetPrimaryKeyString());
        // KeepAlive: a pending outbox must be worked off even when no call arrives.
        this.RegisterGrainTimer(DeliverDueAsync, new GrainTimerCreationOptions(options.Value.OutboxTick, options.Value.OutboxTick) { KeepAlive = true });

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

        var subscriptions = await GrainFactory.GetGrain<ISubscriptionsGrain>(ISubscriptionsGrain.Key).List();
        var calendar = item.Country is null ? [] : await GrainFactory.GetGrain<IElectionCalendarGrain>(IElectionCalendarGrain.Key).List(item.Country);
        var inElection = calendar.Any(e => elections.Value.Watches(e, item.At));
        var tags = AlertRouting.Tags(inElection);
        var now = time.GetUtcNow();
        var matched = subscriptions.Where(s => AlertRouting.Matches(s, item, inElection)).ToList();
        if (matched.Count == 0)
        {
            return;
        }

        foreach (var subscription in matched)
        {
            var id = WebhookBody.DeliveryId(item.Id, subscription.Id);
            var body = WebhookBody.Write(item, id, subscription, tags);
            state.State.Outbox.Add(new AlertDelivery
            {
                Id = id,
                SubscriptionId = subscription.Id,
                AnomalyId = item.Id,
                Entity = item.Entity,
                Level = item.Level,
                Tags = tags,
                Url = subscription.Url,
                Body = body,
                Signature = WebhookBody.Sign(body, subscription.Secret),
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }

        state.State.SeenAnomalies.Add(item.Id);
        if (state.State.SeenAnomalies.Count > SeenKept)
        {
            state.State.SeenAnomalies.RemoveRange(0, state.State.SeenAnomalies.Count - SeenKept);
        }

        await state.WriteStateAsync();
        await KeepOutboxRemindedAsync();
    }

    public Task<AlertDelivery[]> List(string? status) => Task.FromResult(state.State.Outbox
        .Where(d => status is null || d.Status == status)
        .OrderByDescending(d => d.CreatedAt)
        .ToArray());

    public async Task<int> Resume()
    {
        await KeepOutboxRemindedAsync();
        return state.State.Outbox.Count(d => d.Status == AlertDelivery.Pending);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == OutboxReminder)
        {
            // It exists, whichever activation registered it: drop it here once nothing is pending.
            _reminderSet = true;
            await DeliverDueAsync(CancellationToken.None);
            await KeepOutboxRemindedAsync();
        }
    }

    /// <summary>Registers the outbox reminder while anything is pending, and drops it once nothing is.</summary>
    private async Task KeepOutboxRemindedAsync()
    {
        try
        {
            await UpdateOutboxReminderAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Best effort: while this activation lives its timer delivers; the reminder is only the
            // safety net for its silo's death, and is tried again at the next change.
            LogReminderFailed(logger, ex);
        }
    }

    private async Task UpdateOutboxReminderAsync()
    {
        var pending = state.State.Outbox.Any(d => d.Status == AlertDelivery.Pending);
        if (pending && !_reminderSet)
        {
            await this.RegisterOrUpdateReminder(OutboxReminder, options.Value.OutboxReminder, options.Value.OutboxReminder);
            _reminderSet = true;
        }
        else if (!pending && _reminderSet)
        {
            if (await this.GetReminder(OutboxReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _reminderSet = false;
        }
    }

    private async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = state.State.Outbox.Where(d => d.Status == AlertDelivery.Pending && d.NextAttemptAt <= now).OrderBy(d => d.CreatedAt).ToList();
        if (due.Count == 0)
        {
            return;
        }

        foreach (var delivery in due)
        {
            var error = await sender.SendAsync(delivery, cancellationToken);
            delivery.Attempts++;
            if (error is null)
            {
                delivery.Status = AlertDelivery.Delivered;
                delivery.DeliveredAt = time.GetUtcNow();
                delivery.LastError = null;
            }
            else if (delivery.Attempts >= options.Value.MaxAttempts)
            {
                delivery.Status = AlertDelivery.Failed;
                delivery.LastError = error;
                LogDeadLetter(logger, delivery.Id, delivery.Entity, delivery.Attempts, error);
            }
            else
            {
                delivery.LastError = error;
                delivery.NextAttemptAt = time.GetUtcNow() + options.Value.BackoffAfter(delivery.Attempts);
                LogRetry(logger, delivery.Id, delivery.Entity, delivery.Attempts, error);
            }

            // Written after each attempt: what a 2xx confirmed is never sent again after a restart.
            await state.WriteStateAsync(cancellationToken);
        }

        Trim();
        await KeepOutboxRemindedAsync();
    }

    private void Trim()
    {
        var delivered = state.State.Outbox.Where(d => d.Status == AlertDelivery.Delivered).OrderByDescending(d => d.CreatedAt).Skip(options.Value.KeptDelivered).ToHashSet();
        if (delivered.Count > 0)
        {
            state.State.Outbox.RemoveAll(delivered.Contains);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The alert outbox's reminder could not be updated; the outbox timer still delivers while this activation lives")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Delivery} for {Entity} failed (attempt {Attempt}): {Error}; retrying with backoff")]
    private static partial void LogRetry(ILogger logger, string delivery, string entity, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert {Delivery} for {Entity} gave up after {Attempt} attempts: {Error}; see GET /v1/alerts?status=failed")]
    private static partial void LogDeadLetter(ILogger logger, string delivery, string entity, int attempt, string error);
}
