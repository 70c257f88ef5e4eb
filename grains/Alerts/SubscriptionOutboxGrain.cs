using Grid.Grains.Detection;
using Grid.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Alerts;

/// <summary>
/// One subscription's outbox. Each delivery is written to grain state before any attempt and
/// marked delivered only after a 2xx answer, so a receiver outage or a silo restart loses none;
/// retries back off exponentially and end as dead letters.
/// </summary>
/// <remarks>
/// Why the sends run on an interleaving timer: a webhook attempt may wait the whole request
/// timeout for a receiver that never answers. Were it a turn of this grain, an
/// <see cref="Enqueue"/> would queue behind it, and with it the alert grain and the anomalies
/// stream behind that. With <see cref="GrainTimerCreationOptions.Interleave"/> the grain takes
/// calls while an attempt is in flight, and the grain's single-threaded scheduler still runs every
/// piece of code between two awaits alone. What remains to order is storage: <see cref="_storage"/>
/// is held across every read-modify-write of the outbox and its reminder, so two writes never
/// overlap (their ETags would conflict) and the timer never picks a delivery whose write has not
/// completed (write before attempt). The HTTP call itself is made outside that gate.
/// Each attempt stays within the sender's connect and request timeouts, and a tick stops at its
/// first failure: the deliveries behind it stay due for the next ticks, so a receiver that never
/// answers costs one timeout per tick, not one per pending delivery. <see cref="Close"/>, when the
/// subscription is deleted, cancels the attempt in flight through <see cref="_closing"/>.
/// </remarks>
[GrainType("outbox")]
public sealed partial class SubscriptionOutboxGrain(
    [PersistentState("outbox")] IPersistentState<SubscriptionOutboxState> state,
    IOptions<AlertOptions> options,
    WebhookSender sender,
    TimeProvider time,
    SiloActivations activations,
    ILogger<SubscriptionOutboxGrain> logger) : Grain, ISubscriptionOutboxGrain, IRemindable
{
    /// <summary>
    /// The reminder that outlives this activation: while deliveries are pending, a silo's death
    /// must not leave them waiting for the next anomaly. Orleans reminders are stored (PostgreSQL in
    /// a cluster) and fire on whichever silo then holds the grain, reactivating it.
    /// </summary>
    private const string OutboxReminder = "outbox";

    private readonly SemaphoreSlim _storage = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private bool _reminderSet;
    private IGrainTimer? _timer;

    private List<AlertDelivery> Outbox => state.State.Outbox;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        activations.Activated(this.GetGrainId().Type.ToString()!, this.GetPrimaryKeyString());
        KeepTicking();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        activations.Deactivated(this.GetGrainId().Type.ToString()!, this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task Enqueue(AlertDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await _storage.WaitAsync();
        try
        {
            // A subscription deleted after the alert grain matched it: its receiver hears nothing more.
            if (state.State.Closed || Outbox.Exists(d => d.Id == delivery.Id))
            {
                return;
            }

            var evicted = OutboxBounds.MakeRoom(Outbox, options.Value);
            Outbox.Add(delivery);
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                // Not stored, so not sent: the caller has not marked the anomaly seen and will enqueue it again.
                Outbox.Remove(delivery);
                OutboxBounds.Restore(evicted);
                throw;
            }

            foreach (var (dropped, _) in evicted)
            {
                LogDeadLetter(logger, dropped.Id, dropped.Entity, dropped.Attempts, dropped.LastError!);
            }

            await KeepRemindedAsync();
        }
        finally
        {
            _storage.Release();
        }

        KeepTicking();
    }

    public Task<AlertDelivery[]> List(AlertDeliveryStatus? status) => Task.FromResult(Outbox
        .Where(d => status is null || d.Status == status)
        .OrderByDescending(d => d.CreatedAt)
        .ToArray());

    public async Task<int> Resume()
    {
        if (state.State.Closed)
        {
            return 0;
        }

        await _storage.WaitAsync();
        try
        {
            await KeepRemindedAsync();
        }
        finally
        {
            _storage.Release();
        }

        KeepTicking();
        return Outbox.Count(d => d.Status == AlertDeliveryStatus.Pending);
    }

    public async Task<int> Close()
    {
        // First the attempt in flight (the timer interleaves with this call), then the timer: no new one starts.
        await _closing.CancelAsync();
        _timer?.Dispose();
        _timer = null;
        await _storage.WaitAsync();
        try
        {
            var pending = Outbox.Where(d => d.Status == AlertDeliveryStatus.Pending).ToList();
            if (!state.State.Closed)
            {
                state.State.Closed = true;
                foreach (var delivery in pending)
                {
                    delivery.Status = AlertDeliveryStatus.Cancelled;
                    delivery.LastError = delivery.LastError is null ? "subscription deleted" : $"subscription deleted; last attempt: {delivery.LastError}";
                }

                await state.WriteStateAsync();
                LogClosed(logger, this.GetPrimaryKeyString(), pending.Count);
            }

            // Another activation may have registered it: look it up and drop it.
            _reminderSet = true;
            await KeepRemindedAsync();
            return pending.Count;
        }
        finally
        {
            _storage.Release();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == OutboxReminder)
        {
            // It exists, whichever activation registered it; this activation's timer does the sending.
            _reminderSet = true;
            // A closed outbox's reminder, left by a failed unregistration: Close drops it.
            _ = state.State.Closed ? await Close() : await Resume();
        }
    }

    /// <summary>Runs the send timer while anything is pending (it keeps the activation alive), and stops it once nothing is.</summary>
    private void KeepTicking()
    {
        if (_timer is null && !state.State.Closed && Outbox.Exists(d => d.Status == AlertDeliveryStatus.Pending))
        {
            var tick = options.Value.OutboxTick;
            _timer = this.RegisterGrainTimer(DeliverDueAsync, new GrainTimerCreationOptions(TimeSpan.Zero, tick) { KeepAlive = true, Interleave = true });
        }
    }

    private async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        List<AlertDelivery> due;
        await _storage.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            due = [.. Outbox.Where(d => d.Status == AlertDeliveryStatus.Pending && d.NextAttemptAt <= now).OrderBy(d => d.CreatedAt)];
        }
        finally
        {
            _storage.Release();
        }

        // One at a time, oldest first: a receiver gets a level change before the recovery that follows it.
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        foreach (var delivery in due)
        {
            if (_closing.IsCancellationRequested)
            {
                break;
            }

            string? error;
            try
            {
                error = await sender.SendAsync(delivery, attempt.Token);
            }
            catch (OperationCanceledException) when (attempt.IsCancellationRequested)
            {
                // Closed, or the activation is going: the delivery stays as it was, pending or cancelled.
                break;
            }

            await _storage.WaitAsync(CancellationToken.None);
            try
            {
                if (delivery.Status != AlertDeliveryStatus.Pending)
                {
                    // Cancelled by Close while the attempt was in flight.
                    break;
                }

                Record(delivery, error);
                // Written after each attempt: what a 2xx confirmed is never sent again after a restart.
                await state.WriteStateAsync(CancellationToken.None);
            }
            finally
            {
                _storage.Release();
            }

            if (error is not null)
            {
                // The receiver is failing: the rest stay due for the next ticks, one attempt each,
                // so a tick never spends more than one timeout on a receiver that does not answer.
                break;
            }
        }

        await _storage.WaitAsync(CancellationToken.None);
        try
        {
            OutboxBounds.Trim(Outbox, options.Value);
            await KeepRemindedAsync();
        }
        finally
        {
            _storage.Release();
        }

        // No await between the check and the disposal: an Enqueue either added its delivery before
        // (so the timer stays) or finds no timer and starts one.
        if (state.State.Closed || !Outbox.Exists(d => d.Status == AlertDeliveryStatus.Pending))
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void Record(AlertDelivery delivery, string? error)
    {
        delivery.Attempts++;
        if (error is null)
        {
            delivery.Status = AlertDeliveryStatus.Delivered;
            delivery.DeliveredAt = time.GetUtcNow();
            delivery.LastError = null;
            LogDelivered(logger, delivery.Id, delivery.Entity, delivery.Level.Name(), delivery.Attempts);
        }
        else if (delivery.Attempts >= options.Value.MaxAttempts)
        {
            delivery.Status = AlertDeliveryStatus.Failed;
            delivery.LastError = error;
            LogDeadLetter(logger, delivery.Id, delivery.Entity, delivery.Attempts, error);
        }
        else
        {
            delivery.LastError = error;
            delivery.NextAttemptAt = time.GetUtcNow() + options.Value.BackoffAfter(delivery.Attempts);
            LogRetry(logger, delivery.Id, delivery.Entity, delivery.Attempts, error);
        }
    }

    /// <summary>Registers the outbox reminder while anything is pending, and drops it once nothing is; called under <see cref="_storage"/>.</summary>
    private async Task KeepRemindedAsync()
    {
        try
        {
            var pending = Outbox.Exists(d => d.Status == AlertDeliveryStatus.Pending);
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
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Best effort: while this activation lives its timer delivers; the reminder is only the
            // safety net for its silo's death, and is tried again at the next change.
            LogReminderFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {Subscription} deleted: its outbox is closed and {Pending} pending deliveries are cancelled")]
    private static partial void LogClosed(ILogger logger, string subscription, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An alert outbox's reminder could not be updated; the outbox timer still delivers while this activation lives")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Delivery} for {Entity} ({Level}) delivered (attempt {Attempt})")]
    private static partial void LogDelivered(ILogger logger, string delivery, string entity, string level, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Delivery} for {Entity} failed (attempt {Attempt}): {Error}; retrying with backoff")]
    private static partial void LogRetry(ILogger logger, string delivery, string entity, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert {Delivery} for {Entity} gave up after {Attempt} attempts: {Error}; see GET /v1/alerts?status=failed")]
    private static partial void LogDeadLetter(ILogger logger, string delivery, string entity, int attempt, string error);
}
