namespace Grid.Silo.Demo;

/// <summary>The simulated world of <c>--demo</c>; configuration section <c>Grid:Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "Grid:Demo";

    public bool Enabled { get; set; }

    /// <summary>The country that is shut down; it also has an election today, so its alerts carry the election tag.</summary>
    public string Country { get; set; } = "BY";

    /// <summary>Normal traffic before each shutdown: detection needs a baseline first.</summary>
    public TimeSpan WarmUp { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long each shutdown lasts.</summary>
    public TimeSpan Outage { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>The schedule repeats: warm-up, shutdown, recovery, until the silo stops.</summary>
    public TimeSpan Cycle { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the simulated prober reports.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(10);
}
