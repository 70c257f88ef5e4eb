using System.Globalization;
using System.Text;

namespace Grid.Testing.Lab;

/// <summary>Renders gobgpd.toml for GoBGP (3.10 in Debian 12) lab routers.</summary>
public static class GoBgpConfig
{
    /// <summary>
    /// GoBGP writes TABLE_DUMP_V2 only on a timer, and raises any dump-interval below 60 s to 60 s
    /// (pkg/server/mrt.go, minDumpInterval): the first RIB dump comes a minute after start.
    /// </summary>
    public static readonly TimeSpan RibDumpInterval = TimeSpan.FromSeconds(60);

    private const string ExportPolicy = "lab-export";
    private const string NoExportNeighbors = "lab-no-export";

    // Go time-layout elements (time.Format): digits cover 1, 2, 01, 15, _2, -07, Z07, .000 and the like.
    private static readonly string[] LayoutWords = ["Jan", "Mon", "MST", "PM", "pm"];

    /// <summary>
    /// Letters safe in any file name GoBGP is given: no digits, and no 'm' or 'p', so random or
    /// counted names never spell a Go time-layout element.
    /// </summary>
    public const string LiteralAlphabet = "abcdefghijklnoqrstuvwxyz";

    /// <summary>
    /// GoBGP passes MRT file names through Go's time.Format whenever it rotates them, and it always
    /// rotates updates files (at least every 60 s): "/tmp/lab-2/x.mrt" becomes "/tmp/lab-22/x.mrt" on
    /// the 22nd. Go layouts have no escape, so refuse names that contain layout elements.
    /// </summary>
    public static string RequireLiteralFileName(string path)
    {
        if (path.Any(char.IsAsciiDigit) || LayoutWords.Any(word => path.Contains(word, StringComparison.Ordinal)))
        {
            throw new ArgumentException(
                $"GoBGP would rewrite the MRT file name {path} as a Go time layout (digits, Jan, Mon, MST, PM, pm): " +
                "use a path without them, e.g. set TMPDIR to one.", nameof(path));
        }
        return path;
    }

    public static string Render(LabRouterOptions options, string? ribDumpFile)
    {
        var conf = new StringBuilder();
        conf.AppendLine(CultureInfo.InvariantCulture, $"""
            [global.config]
              as = {options.Asn}
              router-id = "{options.Address}"
              local-address-list = ["{options.Address}"]
              port = {options.ListenPort}
            # Outside route-server mode GoBGP applies policies to the global RIB only, not per neighbor.
            [global.apply-policy.config]
              export-policy-list = ["{ExportPolicy}"]
              default-export-policy = "accept-route"
            """);
        foreach (var neighbor in options.Neighbors)
        {
            conf.AppendLine(CultureInfo.InvariantCulture, $"""
                [[neighbors]]
                  [neighbors.config]
                    neighbor-address = "{neighbor.Address}"
                    peer-as = {neighbor.Asn}
                  [neighbors.transport.config]
                    passive-mode = {(neighbor.Passive ? "true" : "false")}
                    local-address = "{options.Address}"
                    remote-port = {neighbor.Port}
                  [neighbors.ebgp-multihop.config]
                    enabled = true
                    multihop-ttl = 2
                  [neighbors.timers.config]
                    # GoBGP 3 raises this to 5 s (minConnectRetryInterval), so sessions it opens itself
                    # come up 5-10 s after start; sessions it accepts come up at once.
                    connect-retry = 1
                    # The default 30 s idle hold after a reset makes a restarted peer wait half a minute.
                    idle-hold-time-after-reset = 1
                  [[neighbors.afi-safis]]
                    [neighbors.afi-safis.config]
                      afi-safi-name = "ipv4-unicast"
                  [[neighbors.afi-safis]]
                    [neighbors.afi-safis.config]
                      afi-safi-name = "ipv6-unicast"
                """);
        }
        AppendExportPolicy(conf, options);
        if (options.MrtUpdatesFile is not null)
        {
            // Received UPDATEs only, as BGP4MP_MESSAGE_AS4; no OPEN, KEEPALIVE or state changes.
            conf.AppendLine(CultureInfo.InvariantCulture, $"""
                [[mrt-dump]]
                  [mrt-dump.config]
                    dump-type = "updates"
                    file-name = "{RequireLiteralFileName(options.MrtUpdatesFile)}"
                """);
        }
        if (options.BmpStation is { } station)
        {
            // GoBGP connects to the station and reconnects when it drops (pkg/server/bmp.go).
            conf.AppendLine(CultureInfo.InvariantCulture, $"""
                [[bmp-servers]]
                  [bmp-servers.config]
                    address = "{station.Endpoint.Address}"
                    port = {station.Endpoint.Port}
                    route-monitoring-policy = "{MonitoringPolicy(station.Monitoring)}"
                """);
            if (station.StatisticsInterval is { } interval)
            {
                // Whole seconds; GoBGP refuses fewer than 15 ("too small statistics-timeout value").
                conf.AppendLine(CultureInfo.InvariantCulture, $"    statistics-timeout = {Math.Max(15, (int)interval.TotalSeconds)}");
            }
        }
        if (ribDumpFile is not null)
        {
            // A fixed file name: each snapshot is appended to the same file.
            conf.AppendLine(CultureInfo.InvariantCulture, $"""
                [[mrt-dump]]
                  [mrt-dump.config]
                    dump-type = "table"
                    file-name = "{RequireLiteralFileName(ribDumpFile)}"
                    dump-interval = {RibDumpInterval.TotalSeconds}
                """);
        }
        return conf.ToString();
    }

    private static string MonitoringPolicy(BmpMonitoring monitoring) => monitoring switch
    {
        BmpMonitoring.PrePolicy => "pre-policy",
        BmpMonitoring.PostPolicy => "post-policy",
        _ => "all",
    };

    // Export policies see the destination peer in their neighbor condition: routes to neighbors
    // marked not to export are rejected. Then next hops: on eBGP GoBGP puts its own address in
    // NEXT_HOP, also into the MP_REACH_NLRI of IPv6 routes sent over an IPv4 session, where BIRD
    // rejects it ("mismatched address family"); set documentation addresses per family instead,
    // as the BIRD and FRR lab configs do.
    private static void AppendExportPolicy(StringBuilder conf, LabRouterOptions options)
    {
        var silent = options.Neighbors.Where(n => !n.Export).Select(n => $"\"{n.Address}\"").ToList();
        if (silent.Count > 0)
        {
            // Never empty: an empty neighbor-set matches every neighbor.
            conf.AppendLine(CultureInfo.InvariantCulture, $"""
                [[defined-sets.neighbor-sets]]
                  neighbor-set-name = "{NoExportNeighbors}"
                  neighbor-info-list = [{string.Join(", ", silent)}]
                """);
        }
        conf.AppendLine(CultureInfo.InvariantCulture, $"[[policy-definitions]]\n  name = \"{ExportPolicy}\"");
        if (silent.Count > 0)
        {
            conf.AppendLine(CultureInfo.InvariantCulture, $"""
                  [[policy-definitions.statements]]
                    name = "no-export"
                    [policy-definitions.statements.conditions.match-neighbor-set]
                      neighbor-set = "{NoExportNeighbors}"
                    [policy-definitions.statements.actions]
                      route-disposition = "reject-route"
                """);
        }
        var hostByte = options.Address.GetAddressBytes()[^1];
        foreach (var (family, nextHop) in new[] { ("ipv4-unicast", $"198.51.100.{hostByte}"), ("ipv6-unicast", $"2001:db8:ffff::{hostByte:x}") })
        {
            conf.AppendLine(CultureInfo.InvariantCulture, $"""
                  [[policy-definitions.statements]]
                    name = "{family}-next-hop"
                    [policy-definitions.statements.conditions.bgp-conditions]
                      afi-safi-in-list = ["{family}"]
                    [policy-definitions.statements.actions]
                      route-disposition = "accept-route"
                    [policy-definitions.statements.actions.bgp-actions]
                      set-next-hop = "{nextHop}"
                """);
        }
    }
}
