using Grid.Grains.Detection;

namespace Grid.Grains.Alerts;

/// <summary>
/// One alert for one subscriber, in the outbox until delivered. <see cref="Id"/> is the
/// Idempotency-Key: every attempt carries the same one, so a receiver that got a request whose
/// answer was lost can tell the retry. The body and its signature are fixed when queued.
/// </summary>
[GenerateSerializer, Alias("grid.AlertDelivery")]
public sealed class AlertDelivery
{
    [Id(0)]
    public string Id { get; set; } = "";

    [Id(1)]
    public string SubscriptionId { get; set; } = "";

    [Id(2)]
    public string AnomalyId { get; set; } = "";

    [Id(3)]
    public string Entity { get; set; } = "";

    [Id(4)]
    public DetectionLevel Level { get; set; }

    [Id(5)]
    public string[] Tags { get; set; } = [];

    [Id(6)]
    public string Url { get; set; } = "";

    [Id(7)]
    public string Body { get; set; } = "";

    /// <summary><c>sha256=</c> and the hex HMAC-SHA256 of <see cref="Body"/> under the subscription's secret (RFC 2104).</summary>
    [Id(8)]
    public string Signature { get; set; } = "";

    [Id(9)]
    public AlertDeliveryStatus Status { get; set; } = AlertDeliveryStatus.Pending;

    [Id(10)]
    public int Attempts { get; set; }

    [Id(11)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(12)]
    public DateTimeOffset NextAttemptAt { get; set; }

    [Id(13)]
    public DateTimeOffset? DeliveredAt { get; set; }

    [Id(14)]
    public string? LastError { get; set; }
}
