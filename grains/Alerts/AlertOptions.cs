namespace Grid.Grains.Alerts;

/// <summary>Alert delivery; configuration section <c>Grid:Alerts</c>.</summary>
public sealed class AlertOptions
{
    public const string Section = "Grid:Alerts";

    /// <summary>
    /// Webhook targets that resolve to loopback, private (RFC 1918, RFC 4193, RFC 6598) or link-local
    /// addresses are refused unless this is true: a subscription must not turn Grid into a probe of
    /// its own network. Tests and the demo set it.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Attempts per delivery before it becomes a dead letter (<c>GET /v1/alerts?status=failed</c>).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The first retry waits this long; each next one twice as long, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often a subscription's outbox looks for due deliveries while any are pending.</summary>
    public TimeSpan OutboxTick { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The period of the reminder a subscription's outbox keeps while deliveries are pending: after a
    /// silo's death it reactivates the outbox on a survivor within this time (Orleans' minimum is 1 minute).
    /// </summary>
    public TimeSpan OutboxReminder { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Delivered alerts kept per subscription for <c>GET /v1/alerts</c> (the newest); pending and failed ones are always kept.</summary>
    public int KeptDelivered { get; set; } = 1000;

    /// <summary>Backoff before attempt <paramref name="attempt"/> + 1: exponential, capped.</summary>
    public TimeSpan BackoffAfter(int attempt) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks * (1L << Math.Min(attempt - 1, 30))));
}
