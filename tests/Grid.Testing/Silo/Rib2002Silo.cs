using Grid.Testing.Data;

namespace Grid.Testing.Silo;

/// <summary>
/// A silo that replays RouteViews' 2002 RIB with the RIRs' geography, so some 240 countries and
/// 13,000 ASes get a status: the world-sized silo of the console's tests and benchmarks and of the
/// cluster benchmark.
/// </summary>
public static class Rib2002Silo
{
    public static string Rib => SharedData.PathOf("mrt", "bgpdump.bview.20020722.2337.gz");

    /// <summary>The settings (environment names); <paramref name="rib"/> null leaves the replay out (a cluster's other silos).</summary>
    public static Dictionary<string, string?> Settings(string? rib) => new()
    {
        ["Grid__Feeds__RisLive__Enabled"] = "false",
        ["Grid__Geo__Dir"] = SharedData.PathOf("rir"),
        ["Grid__Feeds__Mrt__Files__0"] = rib,
        // 2002's full tables held about 110k prefixes.
        ["Grid__Visibility__FullFeedIPv4Prefixes"] = "50000",
        ["Grid__RateLimits__Enabled"] = "false",
        ["Logging__LogLevel__Default"] = "Warning",
    };
}
