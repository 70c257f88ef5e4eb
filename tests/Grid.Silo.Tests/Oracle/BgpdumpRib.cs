using Grid.Bgp.Model;
using Grid.Testing.Processes;

namespace Grid.Silo.Tests.Oracle;

/// <summary>
/// A RIB as the reference decoder (bgpdump -m) prints it, and IODA's visibility rule computed
/// from it the plain way: per-peer table sizes, full-feed peers, prefixes seen by more than half.
/// It shares no code with Grid's decoder or shards, so it can check them.
/// </summary>
internal sealed class BgpdumpRib
{
    private readonly Dictionary<Prefix, HashSet<string>> _seenBy = [];
    private readonly Dictionary<Prefix, HashSet<uint>> _origins = [];
    private readonly Dictionary<string, (int IPv4, int IPv6)> _tableSizes = [];

    /// <summary>RIB entries bgpdump printed (one per prefix and peer).</summary>
    public long Entries { get; private set; }

    public static async Task<BgpdumpRib> ReadAsync(params string[] files)
    {
        var rib = new BgpdumpRib();
        foreach (var file in files)
        {
            var dump = await ExternalCommand.RunAsync("bgpdump", ["-m", file], timeout: TimeSpan.FromMinutes(3));
            Assert.True(dump.ExitCode == 0, $"bgpdump failed on {file} (install it with `apt-get install bgpdump` or `sudo bash .ci/run`): {dump.StandardError}");
            foreach (var line in dump.StandardOutput.Split('\n'))
            {
                rib.Add(line);
            }
        }

        return rib;
    }

    /// <summary>Visible prefixes and their single origin (0 when peers disagree or the path ends in a set).</summary>
    public Dictionary<Prefix, uint> Visible(int fullFeedIPv4, int fullFeedIPv6, double fraction = 0.5)
    {
        var fullIPv4 = _tableSizes.Where(p => p.Value.IPv4 > fullFeedIPv4).Select(p => p.Key).ToHashSet();
        var fullIPv6 = _tableSizes.Where(p => p.Value.IPv6 > fullFeedIPv6).Select(p => p.Key).ToHashSet();
        var visible = new Dictionary<Prefix, uint>();
        foreach (var (prefix, peers) in _seenBy)
        {
            var full = prefix.IsIPv4 ? fullIPv4 : fullIPv6;
            if (full.Count > 0 && peers.Count(full.Contains) > fraction * full.Count)
            {
                visible[prefix] = _origins[prefix].Count == 1 ? _origins[prefix].Single() : 0;
            }
        }

        return visible;
    }

    private void Add(string line)
    {
        // TABLE_DUMP2|time|B|peer|peer_as|prefix|as_path|origin|next_hop|...
        var fields = line.Split('|');
        if (fields.Length < 7 || fields[2] != "B" || !Prefix.TryParse(fields[5], out var prefix))
        {
            return;
        }

        Entries++;
        var peer = $"{fields[3]}/{fields[4]}";
        if (!_seenBy.TryGetValue(prefix, out var peers))
        {
            _seenBy[prefix] = peers = [];
            _origins[prefix] = [];
        }

        if (peers.Add(peer))
        {
            var (ipv4, ipv6) = _tableSizes.GetValueOrDefault(peer);
            _tableSizes[peer] = prefix.IsIPv4 ? (ipv4 + 1, ipv6) : (ipv4, ipv6 + 1);
        }

        var last = fields[6].Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        _origins[prefix].Add(uint.TryParse(last, out var origin) ? origin : 0);
    }
}
