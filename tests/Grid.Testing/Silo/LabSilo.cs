using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Bgp.Model;
using Grid.Testing.Lab;

namespace Grid.Testing.Silo;

/// <summary>
/// A real silo process inside a <see cref="BgpLab"/>'s namespace, running Grid's BGP speaker on
/// <see cref="Address"/>:<see cref="Port"/>, with a geography that places the lab's pretend
/// country (100.64.0.0/10 and 2001:db8::/32, see <see cref="CountryPrefixSet"/>) in <see cref="Country"/>.
/// </summary>
public sealed class LabSilo : IAsyncDisposable
{
    public const string Country = "BY";
    public const uint Asn = 65500;
    public const int Port = 1179;

    public static readonly IPAddress Address = IPAddress.Parse("127.0.0.100");

    private readonly DirectoryInfo _geography;

    private LabSilo(SiloProcess process, DirectoryInfo geography)
    {
        Process = process;
        _geography = geography;
    }

    public SiloProcess Process { get; }

    /// <summary>How lab daemons configure Grid as their neighbor.</summary>
    public static BgpNeighbor Neighbor => new(Address, Asn) { Port = Port };

    /// <summary>
    /// Starts the silo with one configured neighbor per <paramref name="peers"/> entry and any
    /// further settings (<c>Grid__…</c> environment names).
    /// </summary>
    public static async Task<LabSilo> StartAsync(BgpLab lab, IEnumerable<LabSiloPeer> peers, IReadOnlyDictionary<string, string?>? settings = null, IReadOnlyList<string>? delegations = null)
    {
        var geography = Directory.CreateTempSubdirectory("grid-lab-geo-");
        // The registries' delegated-extended format (one line per block), for the pretend country only
        // unless the caller places other space (`lab|XA|ipv4|198.18.0.0|16384|20200101|allocated|lab`).
        await File.WriteAllLinesAsync(Path.Combine(geography.FullName, "delegated-lab-extended-latest"),
        [
            "2|lab|20260101|2|19700101|20260101|+0000",
            .. delegations ?? [
                $"lab|{Country}|ipv4|100.64.0.0|4194304|20200101|allocated|lab",
                $"lab|{Country}|ipv6|2001:db8::|32|20200101|allocated|lab",
            ],
        ]);
        var environment = new Dictionary<string, string?>
        {
            ["Grid__Geo__Dir"] = geography.FullName,
            ["Grid__Feeds__RisLive__Enabled"] = "false",
            ["Grid__Bgp__Listen"] = $"{Address}:{Port}",
            ["Grid__Bgp__LocalAs"] = Asn.ToString(CultureInfo.InvariantCulture),
            ["Grid__Bgp__RouterId"] = Address.ToString(),
            ["Grid__Bgp__ConnectRetry"] = "00:00:01",
        };
        var index = 0;
        foreach (var peer in peers)
        {
            var key = $"Grid__Bgp__Peers__{index++}__";
            environment[key + "Address"] = peer.Address.ToString();
            environment[key + "As"] = peer.Asn.ToString(CultureInfo.InvariantCulture);
            environment[key + "Passive"] = peer.Passive ? "true" : "false";
            environment[key + "FullFeed"] = peer.FullFeed;
            if (peer.Port != 179)
            {
                environment[key + "Port"] = peer.Port.ToString(CultureInfo.InvariantCulture);
            }
        }
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }
        try
        {
            return new LabSilo(await SiloProcess.StartInNamespaceAsync(lab.Namespace, environment: environment), geography);
        }
        catch
        {
            geography.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>The country's signals now: visible /24s and /48s.</summary>
    public async Task<(long Bgp, long Bgp6)> CountryAsync()
    {
        var status = await Process.Http.GetFromJsonAsync<JsonElement>($"/v1/countries/{Country}");
        var signals = status.GetProperty("signals");
        return (signals.GetProperty("bgp").GetProperty("value").GetInt64(), signals.GetProperty("bgp6").GetProperty("value").GetInt64());
    }

    /// <summary>The <c>/v1/peers</c> entry for <paramref name="address"/>.</summary>
    public async Task<JsonElement> PeerAsync(IPAddress address) =>
        await FindPeerAsync(address) ?? throw new InvalidOperationException($"/v1/peers does not list {address}.");

    /// <summary>The <c>/v1/peers</c> entry for <paramref name="address"/>, or null while the feed has not listed it yet (just after the silo started).</summary>
    public async Task<JsonElement?> FindPeerAsync(IPAddress address)
    {
        var peers = await Process.Http.GetFromJsonAsync<JsonElement>("/v1/peers");
        return peers.EnumerateArray().Where(p => p.GetProperty("address").GetString() == address.ToString()).Cast<JsonElement?>().SingleOrDefault();
    }

    /// <summary>Polls <c>/v1/peers</c> until the entry for <paramref name="address"/> satisfies <paramref name="holds"/>; returns it.</summary>
    public async Task<JsonElement> WaitForPeerAsync(IPAddress address, Func<JsonElement, bool> holds, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement seen = default;
        while (DateTime.UtcNow < deadline && !Process.HasExited)
        {
            // The peer may be missing from the list for a moment (its feed restarting): keep polling.
            var peers = await Process.Http.GetFromJsonAsync<JsonElement>("/v1/peers");
            seen = peers.EnumerateArray().FirstOrDefault(p => p.GetProperty("address").GetString() == address.ToString());
            if (seen.ValueKind == JsonValueKind.Object && holds(seen))
            {
                return seen;
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"peer {address} did not reach \"{what}\" within {timeout}; last saw {seen}. The silo printed:\n{string.Join('\n', Process.Output.TakeLast(60))}");
    }

    /// <summary>Polls until the country's signals equal <paramref name="expected"/>, or fails with what was seen and the silo's log.</summary>
    public async Task WaitForCountryAsync((long Bgp, long Bgp6) expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        (long, long) seen = default;
        while (DateTime.UtcNow < deadline)
        {
            if (Process.HasExited)
            {
                break;
            }
            seen = await CountryAsync();
            if (seen == expected)
            {
                return;
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"{Country} did not reach {expected} within {timeout}; last saw {seen}. The silo printed:\n{string.Join('\n', Process.Output.TakeLast(60))}");
    }

    /// <summary>The signals a set of routes gives: the union of its /24s and of its /48s.</summary>
    public static (long Bgp, long Bgp6) Expected(CountryPrefixSet set) => (Blocks(set.Prefixes.Where(p => p.IsIPv4), 24), Blocks(set.Prefixes.Where(p => !p.IsIPv4), 48));

    private static long Blocks(IEnumerable<Prefix> prefixes, int unit)
    {
        var blocks = new HashSet<UInt128>();
        foreach (var prefix in prefixes)
        {
            // Bits are left-aligned in 128 bits for both families.
            var first = prefix.Bits >> (128 - unit);
            var count = prefix.Length >= unit ? 1UL : 1UL << (unit - prefix.Length);
            for (UInt128 i = 0; i < count; i++)
            {
                blocks.Add(first + i);
            }
        }
        return blocks.Count;
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        try
        {
            _geography.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A neighbor configured in the lab silo.</summary>
public sealed record LabSiloPeer(IPAddress Address, uint Asn)
{
    public bool Passive { get; init; } = true;

    public int Port { get; init; } = 179;

    public string FullFeed { get; init; } = "true";
}
