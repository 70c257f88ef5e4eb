using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Grid.Testing.Lab;

/// <summary>
/// GoBGP as a lab router, controlled with the gobgp CLI over its gRPC API (a port of its own inside
/// the namespace). As a collector it writes BGP4MP continuously and TABLE_DUMP_V2 snapshots once a
/// minute (<see cref="GoBgpConfig.RibDumpInterval"/>) into one file; <see cref="DumpRibAsync"/>
/// cuts the first snapshot taken after the call out of it.
/// </summary>
public sealed class GoBgpRouter : LabRouter
{
    private const int EstablishedState = 6; // apipb.PeerState_ESTABLISHED

    internal GoBgpRouter(LabRouterOptions options, NetworkNamespace ns, string directory, string role)
        : base(BgpDaemon.GoBgp, options, ns, directory, role)
    {
        // One API port per router address, so several GoBGPs can share a lab.
        ApiPort = 50051 + options.Address.GetAddressBytes()[^1];
    }

    public int ApiPort { get; }

    /// <summary>Where GoBGP appends its periodic RIB snapshots (collectors only).</summary>
    public string? RibSnapshotsFile =>
        Options.MrtUpdatesFile is null ? null : Path.Combine(Directory, $"gobgp-{BgpLab.Letters(Address)}-rib-snapshots.mrt");

    private string ConfigFile => FilePrefix + ".toml";

    /// <summary>Runs one gobgp CLI command against this router, e.g. <c>GobgpAsync("global", "rib", "-a", "ipv6")</c>.</summary>
    public Task<string> GobgpAsync(params string[] command) =>
        ControlAsync("gobgp", ["-p", ApiPort.ToString(CultureInfo.InvariantCulture), .. command]);

    public override async Task<Observation> SessionStateAsync(IPAddress neighbor)
    {
        var (ok, output) = await TryControlAsync("gobgp", "-p", ApiPort.ToString(CultureInfo.InvariantCulture), "-j", "neighbor", neighbor.ToString());
        if (!ok)
        {
            return new Observation(false, output);
        }
        using var json = JsonDocument.Parse(output);
        var state = json.RootElement.GetProperty("state").TryGetProperty("session_state", out var s) ? s.ToString() : "0";
        return new Observation(state is "6" or "ESTABLISHED", $"session_state {state} (6 is Established)");
    }

    public override async Task<RouteCounts> RoutesFromAsync(IPAddress neighbor)
    {
        using var json = JsonDocument.Parse(await GobgpAsync("-j", "neighbor", neighbor.ToString()));
        int ipv4 = 0, ipv6 = 0;
        if (json.RootElement.TryGetProperty("afi_safis", out var families))
        {
            foreach (var family in families.EnumerateArray())
            {
                var state = family.GetProperty("state");
                // Protobuf JSON leaves out zero counters.
                var received = state.TryGetProperty("received", out var r) ? r.GetInt32() : 0;
                var afi = state.GetProperty("family").GetProperty("afi").GetInt32();
                if (afi == 1)
                {
                    ipv4 = received;
                }
                else if (afi == 2)
                {
                    ipv6 = received;
                }
            }
        }
        return new RouteCounts(ipv4, ipv6);
    }

    /// <summary>
    /// Waits for the next periodic snapshot that starts after this call (up to a minute plus
    /// <paramref name="timeout"/>) and copies it, PEER_INDEX_TABLE and RIB records, to <paramref name="path"/>.
    /// </summary>
    public override async Task DumpRibAsync(string path, int expectedPrefixes, TimeSpan timeout)
    {
        var snapshots = RibSnapshotsFile ?? throw new InvalidOperationException($"{Name} is no collector: it writes no RIB snapshots.");
        // MRT times are whole seconds: a snapshot stamped in this second may predate the call.
        var after = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        (long Start, long End)? snapshot = null;
        await Eventually.HoldsAsync(Running, $"a RIB snapshot newer than {after} with {expectedPrefixes} records is in {snapshots}", () =>
        {
            snapshot = FindSnapshot(MrtRecordHeader.ReadAll(snapshots), after, expectedPrefixes, out var seen);
            return Task.FromResult(new Observation(snapshot is not null, seen));
        }, GoBgpConfig.RibDumpInterval + timeout);

        var (start, end) = snapshot!.Value;
        await using var source = new FileStream(snapshots, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        await using var target = File.Create(path);
        source.Position = start;
        var buffer = new byte[end - start];
        await source.ReadExactlyAsync(buffer);
        await target.WriteAsync(buffer);
    }

    private protected override Task WriteConfigurationAsync() =>
        File.WriteAllTextAsync(ConfigFile, GoBgpConfig.Render(Options, RibSnapshotsFile));

    private protected override DaemonProcess StartDaemon() =>
        Launch("gobgpd", [
            "-f", ConfigFile, "-t", "toml", "-p",
            "--api-hosts", $"127.0.0.1:{ApiPort}",
            "--pprof-disable",
        ], logFile: null);

    private protected override async Task<Observation> ControlAnswersAsync()
    {
        var (ok, output) = await TryControlAsync("gobgp", "-p", ApiPort.ToString(CultureInfo.InvariantCulture), "global");
        return new Observation(ok, output);
    }

    // A snapshot is a PEER_INDEX_TABLE and the RIB records after it; it is complete once it holds
    // one record per prefix (GoBGP writes one RIB record per destination).
    private static (long, long)? FindSnapshot(List<MrtRecordHeader> headers, uint after, int expectedPrefixes, out string seen)
    {
        var start = headers.FindIndex(h => h.IsPeerIndexTable && h.Timestamp > after);
        if (start < 0)
        {
            seen = $"{headers.Count(h => h.IsPeerIndexTable)} older snapshots";
            return null;
        }
        var entries = headers.Skip(start + 1).TakeWhile(h => h.IsRibEntry).ToList();
        seen = $"a snapshot with {entries.Count} RIB records so far";
        if (entries.Count < expectedPrefixes)
        {
            return null;
        }
        return (headers[start].Offset, expectedPrefixes == 0 ? headers[start].End : entries[expectedPrefixes - 1].End);
    }
}
