using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Testing.Processes;

namespace Grid.Testing.Silo;

/// <summary>
/// Real silo processes forming one cluster on one PostgreSQL database, on loopback: each with its
/// own API port and cluster port, both chosen free. Silos can be added, stopped (SIGTERM) or
/// killed (SIGKILL) while the test watches what the survivors do. The silos speak mutual TLS to
/// each other and on their gateways, with a CA and certificate made for this cluster
/// (<see cref="Tls"/>), as a production cluster must.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    private readonly string _postgres;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly List<SiloProcess> _silos = [];
    private readonly Dictionary<SiloProcess, string> _ids = [];
    private readonly Dictionary<SiloProcess, int> _siloPorts = [];
    private readonly Dictionary<SiloProcess, int> _gatewayPorts = [];

    private SiloCluster(string postgres, IReadOnlyDictionary<string, string?> environment)
    {
        _postgres = postgres;
        _environment = environment;
        Tls = ClusterTlsFiles.Create();
    }

    /// <summary>The cluster's CA and the certificate every silo presents.</summary>
    public ClusterTlsFiles Tls { get; }

    /// <summary>
    /// The settings that make a silo a member of this cluster (database, loopback address, TLS
    /// files), for a silo a test starts itself.
    /// </summary>
    public IReadOnlyDictionary<string, string?> MemberEnvironment => new Dictionary<string, string?>(Tls.Environment)
    {
        ["Grid__Cluster__Postgres"] = _postgres,
        ["Grid__Cluster__AdvertisedAddress"] = "127.0.0.1",
    };

    /// <summary>Every silo started, in order, the killed and stopped ones included.</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>The silos whose processes still run.</summary>
    public IEnumerable<SiloProcess> Running => _silos.Where(s => !s.HasExited);

    /// <summary>Starts <paramref name="count"/> silos on <paramref name="postgres"/> with <paramref name="environment"/> added to each.</summary>
    public static async Task<SiloCluster> StartAsync(string postgres, int count, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var cluster = new SiloCluster(postgres, environment ?? new Dictionary<string, string?>());
        try
        {
            for (var i = 0; i < count; i++)
            {
                await cluster.AddSiloAsync();
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Starts one more silo and waits until it serves its API.</summary>
    public async Task<SiloProcess> AddSiloAsync()
    {
        var id = $"silo-{_silos.Count + 1}";
        var siloPort = LoopbackPort.FindFree();
        var gatewayPort = LoopbackPort.FindFree();
        var environment = new Dictionary<string, string?>(_environment);
        foreach (var (name, value) in MemberEnvironment)
        {
            environment[name] = value;
        }

        environment["Grid__Cluster__SiloName"] = id;
        environment["Grid__Cluster__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        environment["Grid__Cluster__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        var silo = await SiloProcess.StartAsync([], environment);
        _silos.Add(silo);
        _ids[silo] = id;
        _siloPorts[silo] = siloPort;
        _gatewayPorts[silo] = gatewayPort;
        return silo;
    }

    public string IdOf(SiloProcess silo) => _ids[silo];

    /// <summary>The silo's Orleans silo port (silo-to-silo), as its membership row and feed leases name it.</summary>
    public int SiloPortOf(SiloProcess silo) => _siloPorts[silo];

    /// <summary>The silo's Orleans gateway port (for cluster clients).</summary>
    public int GatewayPortOf(SiloProcess silo) => _gatewayPorts[silo];

    /// <summary>The silo's <c>/v1/cluster</c>: its members and the grains active on it.</summary>
    public static async Task<JsonElement> ViewAsync(SiloProcess silo) =>
        await silo.Http.GetFromJsonAsync<JsonElement>("/v1/cluster");

    /// <summary>How many grains of <paramref name="grainType"/> are active on <paramref name="silo"/>.</summary>
    public static async Task<int> ActivationsAsync(SiloProcess silo, string grainType)
    {
        var view = await ViewAsync(silo);
        return view.GetProperty("activations").TryGetProperty(grainType, out var count) ? count.GetInt32() : 0;
    }

    /// <summary>How many silos <paramref name="silo"/> sees as active.</summary>
    public static async Task<int> ActiveMembersAsync(SiloProcess silo)
    {
        var view = await ViewAsync(silo);
        return view.GetProperty("members").EnumerateArray().Count(m => m.GetProperty("status").GetString() == "active");
    }

    /// <summary>Waits until every running silo sees exactly the running silos as active.</summary>
    /// <remarks>
    /// A silo whose API refuses or resets a connection, or does not answer within the client's
    /// timeout (each seen once on a loaded 2-core machine in ClusterReplayCrashTests, while the
    /// cluster took in a table), is not formed yet: asked again, not failed at once. The timeout
    /// says what the last attempt met.
    /// </remarks>
    public async Task WaitUntilFormedAsync(TimeSpan timeout)
    {
        var running = Running.ToList();
        var expected = running.Count;
        var lastError = "";
        try
        {
            await Poll.UntilAsync($"every silo sees {expected} active members", async () =>
            {
                // A silo that stopped (Orleans stops one voted dead) will not come back: say so now.
                if (running.FirstOrDefault(s => s.HasExited) is { } exited)
                {
                    throw new InvalidOperationException($"{_ids[exited]} exited with code {exited.ExitCode} before the cluster formed. It printed last:\n{string.Join('\n', exited.Output.TakeLast(60))}");
                }

                foreach (var silo in running)
                {
                    try
                    {
                        if (await ActiveMembersAsync(silo) != expected)
                        {
                            return false;
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        lastError = $"{_ids[silo]}{(silo.HasExited ? " (exited)" : "")}: {ex.Message}{(ex.InnerException is { } inner ? $" ({inner.Message})" : "")}";
                        return false;
                    }
                }

                return true;
            }, timeout);
        }
        catch (TimeoutException ex) when (lastError.Length > 0)
        {
            throw new TimeoutException($"{ex.Message} Last failed read: {lastError}", ex);
        }
    }

    /// <summary>The last lines every silo printed, for failure messages.</summary>
    public string Logs(int lines = 40) => string.Join("\n", _silos.Select(s => $"--- {_ids[s]} ---\n{string.Join('\n', s.Output.TakeLast(lines))}"));

    public async ValueTask DisposeAsync()
    {
        // In parallel: each hands its grains over on SIGTERM, which need not wait for the others.
        await Task.WhenAll(_silos.Select(s => s.DisposeAsync().AsTask()));
        Tls.Dispose();
    }
}
