using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Grid.Grains.Detection;

namespace Grid.Grains.Alerts;

/// <summary>What a webhook receives: Grid's JSON, or a Slack-compatible <c>{"text": …}</c>, and its signature.</summary>
public static class WebhookBody
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Write(AnomalyEvent anomaly, string deliveryId, Subscription subscription, string[] tags, IReadOnlyList<AlertWatch>? watch = null)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        ArgumentNullException.ThrowIfNull(subscription);
        if (subscription.Format == Subscription.SlackFormat)
        {
            return JsonSerializer.Serialize(new { text = SlackText(anomaly, tags, watch ?? []) }, Json);
        }

        return JsonSerializer.Serialize(new
        {
            id = deliveryId,
            subscription = subscription.Id,
            anomaly = anomaly.Id,
            entity = anomaly.Entity,
            name = anomaly.Name,
            kind = anomaly.Kind,
            country = anomaly.Country,
            level = anomaly.Level,
            previousLevel = anomaly.PreviousLevel,
            at = anomaly.At,
            @event = anomaly.EventId,
            mechanism = anomaly.Mechanism ?? EventMechanism.Unknown,
            singleSource = anomaly.SingleSource,
            tags,
            watch = watch ?? [],
            signals = anomaly.Signals,
        }, Json);
    }

    /// <summary><c>sha256=</c> plus the lowercase hex HMAC-SHA256 (RFC 2104) of the UTF-8 body, keyed by the UTF-8 secret.</summary>
    public static string Sign(string body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    /// <summary>A stable Idempotency-Key for one anomaly sent to one subscription.</summary>
    public static string DeliveryId(string anomalyId, string subscriptionId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{anomalyId}\n{subscriptionId}")))[..32];

    private static string How(string? mechanism) => mechanism switch
    {
        EventMechanism.RoutesWithdrawn => ": routes withdrawn",
        EventMechanism.HostsSilent => ": hosts silent while routes stay",
        EventMechanism.Throttled => ": throttled (slow or lossy, still reachable)",
        EventMechanism.Mixed => ": routes withdrawn and hosts silenced",
        _ => "",
    };

    private static string SlackText(AnomalyEvent anomaly, string[] tags, IReadOnlyList<AlertWatch> watch)
    {
        // RTT and loss are judged for rises, their ratio being baseline over value: the mechanism says it in words instead.
        var signals = string.Join(", ", anomaly.Signals.Where(s => s.Ratio is not null && s.Signal is not (Entities.SignalNames.ProbesRtt or Entities.SignalNames.ProbesLoss))
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Signal} {s.Ratio * 100:0}% of baseline ({s.Level.Name()})")));
        var risky = watch.Where(w => w.Risk is not null).MaxBy(w => w.Score);
        var tagText = tags.Length == 0 ? "" : $" [{string.Join(", ", tags)}{(risky is null ? "" : $"; {risky.Risk} shutdown risk")}]";
        return string.Create(CultureInfo.InvariantCulture,
            $"Grid: {anomaly.Entity} is {anomaly.Level.Name()} (was {anomaly.PreviousLevel.Name()}) at {anomaly.At:yyyy-MM-dd HH:mm} UTC{tagText}{How(anomaly.Mechanism)}. {signals}");
    }
}
