namespace Grid.Grains.Alerts;

/// <summary>Alert delivery; configuration section <c>Grid:Alerts</c>.</summary>
public sealed class AlertOptions
{
    public const string Section = "Grid:Alerts";

    /// <summary>
    /// Webhook targets that resolve to anything but a public unicast address (loopback, private,
    /// link-local, CGNAT, documentation, NAT64, 6to4, multicast, reserved:
    /// <see cref="SpecialPurposeAddresses"/>) are refused unless this is true: a subscription must
    /// not turn Grid into a probe of its own network. Tests and the demo set it.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Ports webhooks may use, as <see cref="WebhookPorts"/> reads them: <c>80,443</c> unless set (<c>8443</c>, <c>8000-8999,443</c>).</summary>
    public string AllowedPorts { get; set; } = WebhookPorts.Default;

    /// <summary>How long an attempt may take to connect; the whole attempt stays within <see cref="RequestTimeout"/>.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Pending deliveries one subscription's outbox holds; past it, its oldest pending delivery becomes
    /// a dead letter (<c>GET /v1/alerts?status=failed</c>), so a receiver that is gone for good cannot
    /// grow Grid's state without bound.
    /// </summary>
    public int MaxPending { get; set; } = 1000;

    /// <summary>Dead letters (failed and cancelled deliveries) kept per subscription, the newest.</summary>
    public int KeptFailed { get; set; } = 1000;

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

    /// <summary>Delivered alerts kept per subscription for <c>GET /v1/alerts</c> (the newest).</summary>
    public int KeptDelivered { get; set; } = 1000;

    /// <summary>Backoff before attempt <paramref name="attempt"/> + 1: exponential, capped.</summary>
    public TimeSpan BackoffAfter(int attempt) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks * (1L << Math.Min(attempt - 1, 30))));
}
