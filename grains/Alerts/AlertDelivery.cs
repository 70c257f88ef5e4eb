namespace Grid.Grains.Alerts;

/// <summary>
/// One alert for one subscriber, in the outbox until delivered. <see cref="Id"/> is the
/// Idempotency-Key: every attempt carries the same one, so a receiver that got a request whose
/// answer was lost can tell the retry. The body and its signature are fixed when queued.
/// </summary>
public sealed class AlertDelivery
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    public string Id { get; set; } = "";

    public string SubscriptionId { get; set; } = "";

    public string AnomalyId { get; set; } = "";

    public string Entity { get; set; } = "";

    public string Level { get; set; } = "";

    public string[] Tags { get; set; } = [];

    public string Url { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary><c>sha256=</c> and the hex HMAC-SHA256 of <see cref="Body"/> under the subscription's secret (RFC 2104).</summary>
    public string Signature { get; set; } = "";

    public string Status { get; set; } = Pending;

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public string? LastError { get; set; }
}
