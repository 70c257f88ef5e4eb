namespace Grid.Silo.Feeds;

/// <summary>The RIS Live client; configuration section <c>Grid:Feeds:RisLive</c>.</summary>
public sealed class RisLiveOptions
{
    public const string Section = "Grid:Feeds:RisLive";

    public bool Enabled { get; set; } = true;

    /// <summary>RIPE's public endpoint; the <c>client</c> parameter identifies Grid to RIPE, as its manual asks.</summary>
    public Uri Url { get; set; } = new("wss://ris-live.ripe.net/v1/ws/?client=grid");

    /// <summary>Only this collector (e.g. <c>rrc00</c>), or all when empty.</summary>
    public string? Host { get; set; }

    /// <summary>How often buffered route changes are pushed to the shards.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A RIS RIB dump replayed before following RIS Live, so that its collector's peers have whole
    /// tables (RIS Live sends only changes). Empty: no bootstrap.
    /// </summary>
    public Uri? BootstrapRib { get; set; } = new("https://data.ris.ripe.net/rrc00/latest-bview.gz");

    /// <summary>The collector <see cref="BootstrapRib"/> comes from, as RIS Live names it in "host".</summary>
    public string BootstrapCollector { get; set; } = "rrc00";

    /// <summary>The longest wait between reconnection attempts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);
}
