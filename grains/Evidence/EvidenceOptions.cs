namespace Grid.Grains.Evidence;

/// <summary>
/// <c>Grid:Evidence</c>: the signed evidence bundle sealed at each level change of an event, and
/// what bounds its size: the window around the change, and the most route changes kept.
/// </summary>
public sealed class EvidenceOptions
{
    public const string Section = "Grid:Evidence";

    /// <summary>Seal bundles at all. Off, events carry no evidence and nothing is signed.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The signing key (PKCS#8 PEM): generated on first start when missing, and kept. Default <c>&lt;Dir&gt;/evidence.key</c>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Where the local profile keeps the log, the bundles and (by default) the key. Default <c>./grid-evidence</c>.</summary>
    public string Dir { get; set; } = "grid-evidence";

    /// <summary>How far before the level change the raw inputs reach (route changes, signal points).</summary>
    public TimeSpan Before { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How far before the change the raw inputs reach when it falls in a watch window of the calendar
    /// (issue 20: a watched country's bundle shows more of the run-up), as far as the shards' rings
    /// (<see cref="RecentChangesPerShard"/>) and kept probe bins (Grid:Signals:MaxLateness) hold.
    /// </summary>
    public TimeSpan WatchBefore { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How far after it: the seal waits this long after the change so the bundle holds what followed it.</summary>
    public TimeSpan After { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How much history the baseline part holds (the detector's own history is longer; this is what a reader needs to see the normal level).</summary>
    public TimeSpan BaselineWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The most route changes one bundle keeps, the newest in the window first; the manifest says when the cap cut.</summary>
    public int MaxRouteChanges { get; set; } = 20_000;

    /// <summary>
    /// The most probed /24s one bundle keeps, each through every bin of the window (blocks whose state
    /// changed first); the manifest's versions part says when the cap cut.
    /// </summary>
    public int MaxProbeBlocks { get; set; } = 2_000;

    /// <summary>Live route changes each prefix shard keeps for evidence (about 48 bytes each, allocated at the shard's first live change).</summary>
    public int RecentChangesPerShard { get; set; } = 4096;
}
