using System.Globalization;
using System.Text;

namespace Grid.Testing.Lab;

/// <summary>Renders bird.conf for BIRD 2 (2.0.12 in Debian 12) lab routers and the country speaker.</summary>
public static class BirdConfig
{
    /// <summary>Static protocols of the country speaker; `birdc disable "country_*"` withdraws them all.</summary>
    public const string CountryIPv4Protocol = "country_v4";
    public const string CountryIPv6Protocol = "country_v6";

    /// <summary>The protocol name BIRD knows a neighbor by, e.g. peer_127_0_0_2 (or peer_127_0_0_9_1179 on another port).</summary>
    public static string ProtocolName(BgpNeighbor neighbor) =>
        "peer_" + neighbor.Address.ToString().Replace('.', '_').Replace(':', '_') +
        (neighbor.Port == 179 ? "" : "_" + neighbor.Port.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// A router that peers with <see cref="LabRouterOptions.Neighbors"/>. With
    /// <paramref name="countryRouteFiles"/> it also originates the routes in those include files
    /// (IPv4, IPv6) from two static protocols.
    /// </summary>
    public static string Render(LabRouterOptions options, string logFile, (string IPv4, string IPv6)? countryRouteFiles = null)
    {
        var conf = new StringBuilder();
        conf.AppendLine(CultureInfo.InvariantCulture, $"log \"{logFile}\" all;");
        conf.AppendLine(CultureInfo.InvariantCulture, $"router id {options.Address};");
        if (options.MrtUpdatesFile is not null)
        {
            // Every message received and every session state change, as BGP4MP (RFC 6396 §4.4).
            conf.AppendLine(CultureInfo.InvariantCulture, $"mrtdump \"{options.MrtUpdatesFile}\";");
            conf.AppendLine("mrtdump protocols { states, messages };");
        }
        conf.AppendLine("protocol device { }");
        if (countryRouteFiles is var (ipv4, ipv6))
        {
            // BIRD's lexer only takes `include` at the start of a line.
            conf.AppendLine(CultureInfo.InvariantCulture, $"protocol static {CountryIPv4Protocol} {{\n  ipv4 {{ import all; }};\ninclude \"{ipv4}\";\n}}");
            conf.AppendLine(CultureInfo.InvariantCulture, $"protocol static {CountryIPv6Protocol} {{\n  ipv6 {{ import all; }};\ninclude \"{ipv6}\";\n}}");
        }
        foreach (var neighbor in options.Neighbors)
        {
            AppendNeighbor(conf, options, neighbor);
        }
        return conf.ToString();
    }

    /// <summary>One static route line: `route P blackhole { bgp_path.prepend(..); ..; bgp_community.add((a,b)); };`.</summary>
    public static void AppendStaticRoute(TextWriter writer, CountryRoute route)
    {
        writer.Write("route ");
        writer.Write(route.Prefix.ToString());
        writer.Write(" blackhole { ");
        // Each prepend goes in front, so the path is built from its end (the origin) to its start.
        for (var i = route.AsPath.Count - 1; i >= 0; i--)
        {
            writer.Write("bgp_path.prepend(");
            writer.Write(route.AsPath[i].ToString(CultureInfo.InvariantCulture));
            writer.Write("); ");
        }
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"bgp_community.add(({route.Community.Asn},{route.Community.Value})); }};\n"));
    }

    private static void AppendNeighbor(StringBuilder conf, LabRouterOptions options, BgpNeighbor neighbor)
    {
        var export = neighbor.Export ? "all" : "none";
        var hostByte = options.Address.GetAddressBytes()[^1];
        var addPaths = neighbor.AddPaths ? " add paths tx;" : "";
        conf.AppendLine(CultureInfo.InvariantCulture, $$"""
            protocol bgp {{ProtocolName(neighbor)}} {
              local {{options.Address}} port {{options.ListenPort}} as {{options.Asn}};
              neighbor {{neighbor.Address}} port {{neighbor.Port}} as {{neighbor.Asn}};
              # lo addresses are host scope: without multihop BIRD would want a directly connected neighbor.
              multihop 2;
              # Listen on this address only: other lab daemons own port 179 on their own 127.0.0.x.
              strict bind yes;
              connect delay time 0;
              connect retry time 1;
              {{(neighbor.Passive ? "passive yes;" : "")}}
              {{(options.MrtUpdatesFile is null ? "" : "mrtdump { states, messages };")}}
              # GoBGP treats a 127/8 NEXT_HOP as a withdrawal, and IPv6 routes over an IPv4 session
              # need an IPv6 one: put documentation addresses there (data only, never forwarded).
              ipv4 { import all; export {{export}}; next hop address 198.51.100.{{hostByte}};{{addPaths}} };
              ipv6 { import all; export {{export}}; next hop address 2001:db8:ffff::{{hostByte:x}};{{addPaths}} };
            }
            """);
    }
}
