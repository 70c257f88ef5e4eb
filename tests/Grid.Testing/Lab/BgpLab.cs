using System.Net;
using System.Security.Cryptography;

namespace Grid.Testing.Lab;

/// <summary>
/// One lab: a network namespace of its own, a temporary directory for configs, sockets, logs and
/// MRT files, and the daemons started in it. Labs share nothing, so tests may run them in parallel.
/// Disposing stops every daemon by PID, deletes the namespace and the directory, also after a failure.
/// <code>
/// await using var lab = await BgpLab.CreateAsync();
/// var collector = await lab.StartCollectorAsync(BgpDaemon.Frr);
/// var speaker = await lab.StartCountrySpeakerAsync(CountryPrefixSet.Country(500, 100), collector);
/// await collector.WaitForRoutesAsync(speaker.Address, RouteCounts.Of(speaker.Set), TimeSpan.FromSeconds(30));
/// await speaker.WithdrawAsync();
/// </code>
/// </summary>
public sealed class BgpLab : IAsyncDisposable
{
    /// <summary>The country speaker's AS and address (AS64496 is for documentation, RFC 5398).</summary>
    public const uint SpeakerAsn = 64496;

    public static readonly IPAddress SpeakerAddress = IPAddress.Parse("127.0.0.1");

    /// <summary>How long a daemon may take to answer its control tool, and a session to come up.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly List<LabRouter> _routers = [];
    private int _lastHostByte = 1;

    private readonly bool _ownsNamespace = true;

    private BgpLab(NetworkNamespace ns, string directory)
    {
        Namespace = ns;
        Directory = directory;
    }

    private BgpLab(NetworkNamespace ns, string directory, bool ownsNamespace)
        : this(ns, directory) => _ownsNamespace = ownsNamespace;

    public NetworkNamespace Namespace { get; }

    /// <summary>Where configs, logs, control sockets and MRT files go; deleted on dispose.</summary>
    public string Directory { get; }

    public IReadOnlyList<LabRouter> Routers => _routers;

    public static async Task<BgpLab> CreateAsync()
    {
        var ns = await NetworkNamespace.CreateAsync();
        return new BgpLab(ns, CreateDirectory());
    }

    /// <summary>
    /// A lab whose daemons run in <paramref name="ns"/>, which another lab owns (a probe lab's prober
    /// namespace, where the silo runs): disposing stops the daemons and leaves the namespace.
    /// </summary>
    public static BgpLab Within(NetworkNamespace ns) => new(ns, CreateDirectory(), ownsNamespace: false);

    /// <summary>The AS a collector or relay of <paramref name="kind"/> uses unless told otherwise.</summary>
    public static uint DefaultAsn(BgpDaemon kind) => kind switch
    {
        BgpDaemon.Bird => 65100,
        BgpDaemon.GoBgp => 65200,
        _ => 65300,
    };

    /// <summary>A fresh 127.0.0.x in the namespace (127.0.0.1 is the speaker's).</summary>
    public IPAddress NextAddress()
    {
        var hostByte = Interlocked.Increment(ref _lastHostByte);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hostByte, 254);
        return new IPAddress([127, 0, 0, (byte)hostByte]);
    }

    /// <summary>
    /// A daemon of <paramref name="kind"/> that accepts the country speaker's session and writes
    /// every message it receives to an MRT updates file in the lab directory.
    /// </summary>
    public Task<LabRouter> StartCollectorAsync(BgpDaemon kind, uint? asn = null)
    {
        var address = NextAddress();
        var speaker = new BgpNeighbor(SpeakerAddress, SpeakerAsn) { Passive = true };
        var options = new LabRouterOptions(address, asn ?? DefaultAsn(kind), [speaker])
        {
            // Letters only, no address: GoBGP reads digits in MRT file names as date fields.
            MrtUpdatesFile = Path.Combine(Directory, $"{kind.ToString().ToLowerInvariant()}-{Letters(address)}-updates.mrt"),
        };
        return StartRouterAsync(kind, options, "collector");
    }

    /// <summary>
    /// A daemon of <paramref name="kind"/> between the country speaker and <paramref name="downstream"/>
    /// (Grid's speaker, or a stand-in): it accepts the speaker's session and passes every route on,
    /// so a shutdown at the speaker reaches downstream as withdrawals from a real implementation.
    /// </summary>
    public Task<LabRouter> StartRelayAsync(BgpDaemon kind, BgpNeighbor downstream, uint? asn = null)
    {
        var speaker = new BgpNeighbor(SpeakerAddress, SpeakerAsn) { Passive = true };
        var options = new LabRouterOptions(NextAddress(), asn ?? DefaultAsn(kind), [speaker, downstream with { Export = true }]);
        return StartRouterAsync(kind, options, "relay");
    }

    /// <summary>Starts a daemon of <paramref name="kind"/> with <paramref name="options"/> and waits until it answers its control tool.</summary>
    public async Task<LabRouter> StartRouterAsync(BgpDaemon kind, LabRouterOptions options, string role = "router")
    {
        LabRouter router = kind switch
        {
            BgpDaemon.Bird => new BirdRouter(options, Namespace, Directory, role),
            BgpDaemon.GoBgp => new GoBgpRouter(options, Namespace, Directory, role),
            _ => new FrrRouter(options, Namespace, Directory, role),
        };
        return await StartAsync(router, StartTimeout);
    }

    /// <summary>
    /// Starts the country speaker announcing <paramref name="set"/> to <paramref name="peers"/>
    /// (started first: they wait passively for its session). Further neighbors, such as Grid's
    /// speaker, can be added with <paramref name="moreNeighbors"/>; the speaker exports to all of them.
    /// </summary>
    public async Task<CountrySpeaker> StartCountrySpeakerAsync(
        CountryPrefixSet set, IEnumerable<LabRouter> peers, IEnumerable<BgpNeighbor>? moreNeighbors = null)
    {
        var neighbors = peers.Select(peer => new BgpNeighbor(peer.Address, peer.Asn) { Port = peer.Options.ListenPort, Export = true })
            .Concat((moreNeighbors ?? []).Select(neighbor => neighbor with { Export = true }))
            .ToList();
        var looping = neighbors.Select(n => n.Asn).Append(SpeakerAsn).Where(set.Mentions).ToList();
        if (looping.Count > 0)
        {
            throw new ArgumentException(
                $"The prefix set ({set.Description}) has AS{looping[0]} in its paths; the lab daemon with that AS would drop those routes as loops.", nameof(set));
        }
        var speaker = new CountrySpeaker(set, new LabRouterOptions(SpeakerAddress, SpeakerAsn, neighbors), Namespace, Directory);
        // BIRD parses the whole static config before it opens its control socket: ~10 s per million routes.
        return (CountrySpeaker)await StartAsync(speaker, StartTimeout + TimeSpan.FromMilliseconds(set.Routes.Count * 0.05));
    }

    public Task<CountrySpeaker> StartCountrySpeakerAsync(CountryPrefixSet set, params LabRouter[] peers) =>
        StartCountrySpeakerAsync(set, peers, null);

    public async ValueTask DisposeAsync()
    {
        // Speaker last in, first out: the others then see no session drop before they stop.
        foreach (var router in Enumerable.Reverse(_routers))
        {
            await router.DisposeAsync();
        }
        if (_ownsNamespace)
        {
            await Namespace.DisposeAsync();
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory must not fail the test.
        }
    }

    /// <summary>A name for <paramref name="address"/> in letters that are safe in GoBGP file names (127.0.0.2 → "c").</summary>
    public static string Letters(IPAddress address)
    {
        var alphabet = GoBgpConfig.LiteralAlphabet;
        var n = address.GetAddressBytes()[^1];
        return n < alphabet.Length ? alphabet[n].ToString() : $"{alphabet[n / alphabet.Length]}{alphabet[n % alphabet.Length]}";
    }

    // Unix socket paths (birdc, vtysh) may not exceed 107 bytes, and GoBGP file names may not hold
    // digits: a short, letters-only name under the temp directory.
    private static string CreateDirectory()
    {
        while (true)
        {
            var path = Path.Combine(Path.GetTempPath(), "grid-lab-" + RandomNumberGenerator.GetString(GoBgpConfig.LiteralAlphabet, 8));
            if (!System.IO.Directory.Exists(path))
            {
                return System.IO.Directory.CreateDirectory(path).FullName;
            }
        }
    }

    private async Task<LabRouter> StartAsync(LabRouter router, TimeSpan timeout)
    {
        lock (_routers)
        {
            _routers.Add(router);
        }
        await router.StartAsync(timeout);
        return router;
    }
}
