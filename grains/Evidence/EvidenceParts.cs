using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Grid.Bgp.Model;
using Grid.Bgp.Mrt.Writing;
using Grid.Evidence.Bundles;
using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Grains.Probing;
using Grid.Grains.Visibility;

namespace Grid.Grains.Evidence;

/// <summary>
/// The parts of one bundle, from the raw inputs around a level change: the route changes as MRT
/// (and as CSV for readers without bgpdump), the probed blocks bin by bin, the signal points through
/// the baseline window, the readings at the change, the event with its mechanism, and the detection context.
/// </summary>
public static class EvidenceParts
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static List<BundlePart> Build(AnomalyEvent change, SignalHistory history, EvidenceInputs inputs, EvidenceContext context, string? regionVersion)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var routes = inputs.Routes;
        var routesCapped = inputs.RoutesCapped;
        return
        [
            new("event.json", JsonSerializer.SerializeToUtf8Bytes(new
            {
                change.Id, eventId = change.EventId, change.Entity, kind = change.Kind.ToString().ToLowerInvariant(), change.Name, change.Country,
                level = change.Level.Name(), previousLevel = change.PreviousLevel.Name(), at = change.At, change.ElectionWatch,
                mechanism = change.Mechanism ?? EventMechanism.Unknown,
                watch = inputs.Watch,
                window = new { from = inputs.From, until = inputs.Until },
            }, Json)),
            new("bgp/updates.mrt", Mrt(routes)),
            new("bgp/changes.csv", Encoding.UTF8.GetBytes(Csv(routes, routesCapped))),
            new("probes/blocks.csv", Encoding.UTF8.GetBytes(ProbeCsv(inputs.ProbeBlocks, inputs.ProbeBlocksCapped))),
            new("signals/history.csv", Encoding.UTF8.GetBytes(SignalHistoryCsv.Write(history))),
            new("signals/readings.json", JsonSerializer.SerializeToUtf8Bytes(change.Signals.Select(reading => new
            {
                reading.Signal, reading.Value, reading.Baseline, reading.Ratio, level = reading.Level.Name(),
            }), Json)),
            new("context/settings.json", context.SettingsJson),
            new("context/versions.json", JsonSerializer.SerializeToUtf8Bytes(new
            {
                grid = context.GridVersion,
                geographyFiles = context.GeographyFileHashes,
                regions = regionVersion,
                routeChanges = routes.Count,
                routeChangesCapped = routesCapped,
                probeBlocks = inputs.ProbeBlocks.Count,
                probeBlocksCapped = inputs.ProbeBlocksCapped,
            }, Json)),
        ];
    }

    /// <summary>BGP4MP records that bgpdump reads; a peer whose key does not name an address is left out of the MRT (kept in the CSV).</summary>
    private static byte[] Mrt(IReadOnlyList<ShardRouteChange> routes)
    {
        using var buffer = new MemoryStream();
        var writer = new Bgp4mpWriter(buffer);
        foreach (var route in routes)
        {
            if (!TryPeer(route.Peer, out var address, out var asn))
            {
                continue;
            }
            if (route.PeerDown)
            {
                writer.WritePeerDown(route.At, address, asn);
            }
            else
            {
                writer.Write(new RouteElement(route.At, address, asn, route.Prefix, route.Action, route.OriginAsn));
            }
        }
        return buffer.ToArray();
    }

    private static string Csv(IReadOnlyList<ShardRouteChange> routes, bool capped)
    {
        var csv = new StringBuilder("time,peer,action,prefix,origin_as\n");
        foreach (var route in routes)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{route.At.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{route.Peer},");
            csv.Append(route.PeerDown ? "peer-down,," : route.Action == RouteAction.Announce ? $"announce,{route.Prefix}," : $"withdraw,{route.Prefix},");
            csv.Append(route.OriginAsn == 0 ? "" : route.OriginAsn.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        if (capped)
        {
            csv.Append("# capped at Grid:Evidence:MaxRouteChanges: the oldest changes of the window are left out\n");
        }
        return csv.ToString();
    }

    /// <summary>One row per block per bin: the bin's end, the /24, its Trinocular state at the close, probes sent, answers, their mean RTT.</summary>
    private static string ProbeCsv(IReadOnlyList<ProbeBlockHistory> blocks, bool capped)
    {
        var csv = new StringBuilder(64 + (blocks.Count * 8 * 56));
        csv.Append("time,block,state,sent,received,mean_rtt_ms\n");
        // A window has a handful of bins and each block many rows: format each bin's time once.
        var times = new Dictionary<DateTimeOffset, string>();
        foreach (var block in blocks)
        {
            var network = Prefix.IPv4(block.Network, 24).ToString();
            foreach (var bin in block.Bins)
            {
                if (!times.TryGetValue(bin.At, out var time))
                {
                    times[bin.At] = time = bin.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                }

                csv.Append(time).Append(',').Append(network).Append(',').Append(StateName(bin.State))
                    .Append(CultureInfo.InvariantCulture, $",{bin.Sent},{bin.Received},");
                if (bin.MeanRttMs is { } rtt)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{rtt:0.###}");
                }

                csv.Append('\n');
            }
        }
        if (capped)
        {
            csv.Append("# capped at Grid:Evidence:MaxProbeBlocks: blocks whose state changed are kept first\n");
        }
        return csv.ToString();
    }

    private static string StateName(BlockState state) => state switch
    {
        BlockState.Up => "up",
        BlockState.Down => "down",
        _ => "unknown",
    };

    /// <summary><c>source/address/ASn</c> (<see cref="PeerKey"/>).</summary>
    private static bool TryPeer(string key, out IPAddress address, out uint asn)
    {
        address = IPAddress.None;
        asn = 0;
        var parts = key.Split('/');
        return parts.Length >= 3
            && IPAddress.TryParse(parts[^2], out address!)
            && parts[^1].StartsWith("AS", StringComparison.Ordinal)
            && uint.TryParse(parts[^1].AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out asn);
    }
}
