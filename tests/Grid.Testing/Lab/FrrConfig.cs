using System.Globalization;
using System.Text;

namespace Grid.Testing.Lab;

/// <summary>Renders bgpd.conf for FRR bgpd (8.4 in Debian 12), which the lab runs alone: no zebra, no watchfrr.</summary>
public static class FrrConfig
{
    private const string NoExport = "LAB-NO-EXPORT";
    private const string ExportIPv4 = "LAB-EXPORT-V4";
    private const string ExportIPv6 = "LAB-EXPORT-V6";

    public static string Render(LabRouterOptions options, string logFile)
    {
        var hostByte = options.Address.GetAddressBytes()[^1];
        var conf = new StringBuilder();
        conf.AppendLine(CultureInfo.InvariantCulture, $"""
            frr defaults traditional
            hostname lab-{options.Address}
            log file {logFile} informational
            """);
        if (options.MrtUpdatesFile is not null)
        {
            // `all` rather than `updates`: OPEN, KEEPALIVE and state changes too, as BIRD writes them.
            conf.AppendLine(CultureInfo.InvariantCulture, $"dump bgp all {options.MrtUpdatesFile}");
        }
        // Next hops as BIRD's lab config sets them: GoBGP drops 127/8 ones, and IPv6 routes over an
        // IPv4 session would otherwise carry an IPv4-mapped address.
        conf.AppendLine(CultureInfo.InvariantCulture, $"""
            !
            route-map {NoExport} deny 10
            !
            route-map {ExportIPv4} permit 10
             set ip next-hop 198.51.100.{hostByte}
            !
            route-map {ExportIPv6} permit 10
             set ipv6 next-hop global 2001:db8:ffff::{hostByte:x}
            !
            router bgp {options.Asn}
             bgp router-id {options.Address}
             no bgp ebgp-requires-policy
             no bgp network import-check
            """);
        foreach (var neighbor in options.Neighbors)
        {
            var n = neighbor.Address;
            conf.AppendLine(CultureInfo.InvariantCulture, $" neighbor {n} remote-as {neighbor.Asn}");
            conf.AppendLine(CultureInfo.InvariantCulture, $" neighbor {n} port {neighbor.Port}");
            conf.AppendLine(CultureInfo.InvariantCulture, $" neighbor {n} ebgp-multihop 2");
            conf.AppendLine(CultureInfo.InvariantCulture, $" neighbor {n} update-source {options.Address}");
            conf.AppendLine(CultureInfo.InvariantCulture, $" neighbor {n} timers connect 1");
            if (neighbor.Passive)
            {
                conf.AppendLine(CultureInfo.InvariantCulture, $" neighbor {n} passive");
            }
        }
        AppendFamily(conf, options, "ipv4", ExportIPv4);
        AppendFamily(conf, options, "ipv6", ExportIPv6);
        if (options.BmpStation is { } station)
        {
            AppendBmpTarget(conf, station);
        }
        conf.AppendLine("!");
        return conf.ToString();
    }

    // Needs bgpd started with `-M bmp` (FrrRouter does so when a station is set). FRR retries the
    // connection between min-retry and max-retry milliseconds.
    private static void AppendBmpTarget(StringBuilder conf, BmpStation station)
    {
        conf.AppendLine(" bmp targets grid");
        if (station.StatisticsInterval is { } interval)
        {
            conf.AppendLine(CultureInfo.InvariantCulture, $"  bmp stats interval {(int)interval.TotalMilliseconds}");
        }
        foreach (var family in new[] { "ipv4", "ipv6" })
        {
            if (station.Monitoring is BmpMonitoring.PrePolicy or BmpMonitoring.All)
            {
                conf.AppendLine(CultureInfo.InvariantCulture, $"  bmp monitor {family} unicast pre-policy");
            }
            if (station.Monitoring is BmpMonitoring.PostPolicy or BmpMonitoring.All)
            {
                conf.AppendLine(CultureInfo.InvariantCulture, $"  bmp monitor {family} unicast post-policy");
            }
        }
        conf.AppendLine(CultureInfo.InvariantCulture, $"  bmp connect {station.Endpoint.Address} port {station.Endpoint.Port} min-retry 100 max-retry 1000");
        conf.AppendLine(" exit");
    }

    private static void AppendFamily(StringBuilder conf, LabRouterOptions options, string family, string exportMap)
    {
        conf.AppendLine(CultureInfo.InvariantCulture, $" address-family {family} unicast");
        foreach (var neighbor in options.Neighbors)
        {
            // Traditional defaults activate IPv4 unicast only.
            conf.AppendLine(CultureInfo.InvariantCulture, $"  neighbor {neighbor.Address} activate");
            conf.AppendLine(CultureInfo.InvariantCulture, $"  neighbor {neighbor.Address} route-map {(neighbor.Export ? exportMap : NoExport)} out");
            if (options.BmpStation is not null)
            {
                // FRR's BMP reads pre-policy routes from the Adj-RIB-In, which it keeps only with soft
                // reconfiguration; without it every pre-policy route goes out as a withdrawal (bgpd/bgp_bmp.c).
                conf.AppendLine(CultureInfo.InvariantCulture, $"  neighbor {neighbor.Address} soft-reconfiguration inbound");
            }
        }
        conf.AppendLine(" exit-address-family");
    }
}
