namespace Grid.Runtime.Hosting;

/// <summary>Runtime settings, bound from configuration section <c>Grid:Runtime</c>.</summary>
public sealed class GridRuntimeOptions
{
    public const string Section = "Grid:Runtime";

    /// <summary>An activation with no call for this long is deactivated (Orleans' collection age).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the idle collector looks.</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A call not answered within this time fails with TimeoutException; a cycle of non-reentrant grains ends this way.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Pass in-process calls through the wire codec, as a remote call would be. Slower; tests turn
    /// it on to prove that every grain interface serialises before the cluster needs it to.
    /// </summary>
    public bool SerializeLocalCalls { get; set; }

    /// <summary>Attempts to deliver one stream event to one subscriber before it is logged and dropped.</summary>
    public int StreamDeliveryAttempts { get; set; } = 3;
}
