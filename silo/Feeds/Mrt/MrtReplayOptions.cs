namespace Grid.Silo.Feeds.Mrt;

/// <summary>MRT replay; configuration section <c>Grid:Feeds:Mrt</c>, or <c>--mrt FILE… [--mrt-speed X]</c>.</summary>
public sealed class MrtReplayOptions
{
    public const string Section = "Grid:Feeds:Mrt";

    /// <summary>RIB dumps and update files, plain, gzip or bzip2, in any order: RIBs are replayed first.</summary>
    public List<string> Files { get; set; } = [];

    /// <summary>0: as fast as possible. N: N seconds of recorded time per wall-clock second.</summary>
    public double Speed { get; set; }

    /// <summary>How often progress is logged.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(5);
}
