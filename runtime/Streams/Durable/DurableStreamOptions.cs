namespace Grid.Runtime.Streams.Durable;

/// <summary>Settings of the PostgreSQL stream log, bound from configuration section <c>Grid:Streams</c>.</summary>
public sealed class DurableStreamOptions
{
    public const string Section = "Grid:Streams";

    /// <summary>
    /// How long a consumer sleeps without a notification before it looks at the log anyway: the
    /// safety net for a NOTIFY lost while the listening connection was down.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often each silo looks for implicit subscribers with undelivered events and activates
    /// them (after a crash or a restart nobody else would). It also runs when the silo starts.
    /// </summary>
    public TimeSpan BacklogSweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Events older than this that every subscriber has taken are deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Events read from the log per query.</summary>
    public int BatchSize { get; set; } = 500;
}
