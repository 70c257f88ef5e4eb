using System.Globalization;

namespace Grid.Silo.Demo;

/// <summary>
/// The simulated world: four countries, each a /12 of 100.64.0.0/10 (RFC 6598 shared space, so no
/// real network is named) originated by one AS and announced as sixteen /16s by three full-feed
/// peers, with a probed block count. Grid writes its geography itself.
/// </summary>
internal static class DemoWorld
{
    public static readonly (string Country, int Second, uint Origin, long ProbedBlocks)[] Countries =
    [
        ("BY", 64, 65101, 800),
        ("KZ", 80, 65102, 1200),
        ("AZ", 96, 65103, 600),
        ("MM", 112, 65104, 1500),
    ];

    public static readonly (string Address, uint Asn)[] Peers = [("192.0.2.11", 64501), ("192.0.2.12", 64502), ("192.0.2.13", 64503)];

    /// <summary>How many of a country's sixteen /16s stay announced during its shutdown (12.5%: critical).</summary>
    public const int SurvivingSlash16s = 2;

    public static IEnumerable<string> Slash16s(int second) => Enumerable.Range(second, 16).Select(b => string.Create(CultureInfo.InvariantCulture, $"100.{b}.0.0/16"));

    /// <summary>Writes a registry file in the delegated-extended format, one /12 per country.</summary>
    public static string WriteGeography()
    {
        var directory = Directory.CreateTempSubdirectory("grid-demo-geo-").FullName;
        File.WriteAllLines(Path.Combine(directory, "delegated-demo-extended-latest"),
        [
            "2|demo|20260101|8|19700101|20260101|+0000",
            .. Countries.Select(c => string.Create(CultureInfo.InvariantCulture, $"demo|{c.Country}|ipv4|100.{c.Second}.0.0|1048576|20200101|allocated|demo")),
            .. Countries.Select(c => string.Create(CultureInfo.InvariantCulture, $"demo|{c.Country}|asn|{c.Origin}|1|20200101|allocated|demo")),
        ]);
        return directory;
    }

    /// <summary>
    /// Settings that make the world readable in minutes: 10 s steps, 10-minute histories, a 30 s
    /// warm-up, 20 s before an alert and 30 s before recovery. Command line and environment still win.
    /// </summary>
    public static Dictionary<string, string?> Settings(string geography)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Grid:Geo:Dir"] = geography,
            ["Grid:Feeds:RisLive:Enabled"] = "false",
            ["Grid:Geo:Refresh:Enabled"] = "false",
            ["Grid:Visibility:FullFeedIPv4Prefixes"] = "20",
            ["Grid:Signals:Step"] = "00:00:10",
            ["Grid:Detection:Tick"] = "00:00:05",
            ["Grid:Alerts:AllowPrivateTargets"] = "true",
            // The demo's own receiver listens on the API's port.
            ["Grid:Alerts:AllowedPorts"] = "1-65535",
            ["Grid:Alerts:FirstBackoff"] = "00:00:01",
        };
        foreach (var signal in new[] { "bgp", "bgp6", "probes" })
        {
            settings[$"Grid:Detection:Signals:{signal}:History"] = "00:10:00";
            settings[$"Grid:Detection:Signals:{signal}:WarmUp"] = "00:00:30";
            settings[$"Grid:Detection:Signals:{signal}:MinDuration"] = "00:00:20";
            settings[$"Grid:Detection:Signals:{signal}:Recovery"] = "00:00:30";
        }

        return settings;
    }
}
