using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Grains.Elections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Watch;

/// <summary>
/// The watch calendar's notices (issue 20, item 4): at each check, every notice due
/// (<see cref="WatchNoticeSchedule"/>) to every subscriber that opted in (<see cref="Subscription.WatchNotices"/>)
/// goes into that subscriber's outbox, the same outbox, signing and retries as alerts. Exactly once
/// across restarts: a notice is recorded as sent in this grain's persisted state right after its
/// outbox stored it; a crash in between sends it to the outbox again under the same delivery id,
/// which the outbox drops.
/// </summary>
[GrainType("watch-notices")]
public sealed partial class WatchNoticesGrain(
    [PersistentState("notices")] IPersistentState<WatchNoticesState> state,
    IOptions<ElectionOptions> windows,
    IOptions<WatchOptions> options,
    IWatchRiskScorer risks,
    TimeProvider time,
    ILogger<WatchNoticesGrain> logger) : Grain, IWatchNoticesGrain
{
    private HashSet<string>? _sent;

    private HashSet<string> SentKeys => _sent ??= new HashSet<string>(state.State.Sent, StringComparer.Ordinal);

    public async Task<int> Check()
    {
        var subscriptions = (await GrainFactory.GetGrain<ISubscriptionsGrain>(ISubscriptionsGrain.Key).List()).Where(s => s.WatchNotices).ToArray();
        if (subscriptions.Length == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var entries = await GrainFactory.GetGrain<IElectionCalendarGrain>(IElectionCalendarGrain.Key).List(null);
        var deliveries = new List<(string Key, AlertDelivery Delivery)>();
        foreach (var entry in entries)
        {
            var from = windows.Value.WatchFrom(entry);
            if (from - now > options.Value.UpcomingLead)
            {
                continue;
            }

            // Risk matters only to watch.upcoming; scored once per entry and check, and only ahead of the window.
            var risk = now < from ? await risks.ScoreAsync(entry, CancellationToken.None) : null;
            foreach (var subscription in subscriptions.Where(s => Hears(s, entry)))
            {
                var notice = WatchNoticeSchedule.Due(entry, windows.Value, options.Value, now, risk, SentKeys.Contains(Key(entry, WatchNotice.Opened, subscription)));
                if (notice is null || SentKeys.Contains(Key(entry, notice, subscription)))
                {
                    continue;
                }

                deliveries.Add((Key(entry, notice, subscription), NewDelivery(notice, entry, subscription, risk, now)));
            }
        }

        if (deliveries.Count == 0)
        {
            return 0;
        }

        await Task.WhenAll(deliveries.Select(d => GrainFactory.GetGrain<ISubscriptionOutboxGrain>(d.Delivery.SubscriptionId).Enqueue(d.Delivery)));
        foreach (var (key, delivery) in deliveries)
        {
            SentKeys.Add(key);
            state.State.Sent.Add(key);
            LogNotice(logger, delivery.AnomalyId, delivery.SubscriptionId);
        }

        var excess = state.State.Sent.Count - options.Value.KeptNotices;
        if (excess > 0)
        {
            SentKeys.ExceptWith(state.State.Sent.Take(excess));
            state.State.Sent.RemoveRange(0, excess);
        }

        await state.WriteStateAsync();
        return deliveries.Count;
    }

    /// <summary>
    /// A subscriber with no country or region listed hears every entry; one that lists some hears
    /// their entries (a listed country covers its regions'). AS lists do not reach the calendar: a
    /// subscriber that lists only ASes hears no notices.
    /// </summary>
    private static bool Hears(Subscription subscription, ElectionEntry entry)
    {
        var regions = subscription.ListedRegions;
        if (subscription.Countries.Length + subscription.Asns.Length + regions.Length == 0)
        {
            return true;
        }

        return subscription.Countries.Contains(entry.Country, StringComparer.OrdinalIgnoreCase)
            || (entry.Region is not null && regions.Contains(entry.Region, StringComparer.OrdinalIgnoreCase));
    }

    private static string Key(ElectionEntry entry, string notice, Subscription subscription) => $"{entry.Id}/{notice}/{subscription.Id}";

    private AlertDelivery NewDelivery(string notice, ElectionEntry entry, Subscription subscription, WatchRisk? risk, DateTimeOffset now)
    {
        var about = $"{entry.Id}/{notice}";
        var id = WebhookBody.DeliveryId(about, subscription.Id);
        var body = WatchNoticeBody.Write(notice, id, subscription, entry, windows.Value, risk, now);
        return new AlertDelivery
        {
            Id = id,
            SubscriptionId = subscription.Id,
            AnomalyId = about,
            Entity = entry.Region ?? entry.Country,
            Level = DetectionLevel.Unknown,
            Tags = [notice, entry.WatchKind],
            Url = subscription.Url,
            Body = body,
            Signature = WebhookBody.Sign(body, subscription.Secret),
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch notice {Notice} queued for subscription {Subscription}")]
    private static partial void LogNotice(ILogger logger, string notice, string subscription);
}
