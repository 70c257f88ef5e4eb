using System.Net;

namespace Grid.Testing.Lab;

/// <summary>
/// A real BGP daemon in the lab's namespace: a collector that writes MRT, a relay between the
/// country speaker and Grid, or a stand-in for Grid's speaker. Subclasses render the daemon's own
/// configuration and speak its control tool (birdc, gobgp, vtysh); this class holds what they share.
/// </summary>
public abstract class LabRouter : IAsyncDisposable
{
    private protected LabRouter(BgpDaemon kind, LabRouterOptions options, NetworkNamespace ns, string directory, string role)
    {
        Kind = kind;
        Options = options;
        Namespace = ns;
        Directory = directory;
        Name = $"{kind} {role} {options.Address} AS{options.Asn}";
        FilePrefix = Path.Combine(directory, $"{kind.ToString().ToLowerInvariant()}-{options.Address}");
    }

    public BgpDaemon Kind { get; }

    public LabRouterOptions Options { get; }

    public IPAddress Address => Options.Address;

    public uint Asn => Options.Asn;

    /// <summary>For messages: "Frr collector 127.0.0.2 AS65002".</summary>
    public string Name { get; }

    /// <summary>The running daemon; null until started.</summary>
    public DaemonProcess? Process { get; private set; }

    /// <summary>The MRT BGP4MP file the daemon appends received messages to, if it writes one.</summary>
    public string? UpdatesFile => Options.MrtUpdatesFile;

    private protected NetworkNamespace Namespace { get; }

    private protected string Directory { get; }

    /// <summary>Start of this router's file names in the lab directory: config, log, sockets.</summary>
    private protected string FilePrefix { get; }

    private protected DaemonProcess Running =>
        Process ?? throw new InvalidOperationException($"{Name} is not started.");

    /// <summary>Whether the session with <paramref name="neighbor"/> is Established, and its state.</summary>
    public abstract Task<Observation> SessionStateAsync(IPAddress neighbor);

    /// <summary>How many routes the router currently holds from <paramref name="neighbor"/>.</summary>
    public abstract Task<RouteCounts> RoutesFromAsync(IPAddress neighbor);

    /// <summary>
    /// Writes the router's RIB as MRT TABLE_DUMP_V2 (RFC 6396 §4.3) to <paramref name="path"/> and
    /// returns once the file holds <paramref name="expectedPrefixes"/> RIB records, i.e. is complete.
    /// </summary>
    public abstract Task DumpRibAsync(string path, int expectedPrefixes, TimeSpan timeout);

    public Task WaitForSessionAsync(IPAddress neighbor, TimeSpan timeout) =>
        Eventually.HoldsAsync(Running, $"the session with {neighbor} is Established", () => SessionStateAsync(neighbor), timeout);

    public Task WaitForRoutesAsync(IPAddress neighbor, RouteCounts expected, TimeSpan timeout) =>
        Eventually.HoldsAsync(Running, $"it holds {expected} from {neighbor}", async () =>
        {
            var counts = await RoutesFromAsync(neighbor);
            return new Observation(counts == expected, counts.ToString());
        }, timeout);

    public virtual async ValueTask DisposeAsync()
    {
        if (Process is not null)
        {
            await Process.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes the configuration and starts the daemon, then waits until its control tool answers.</summary>
    internal async Task StartAsync(TimeSpan timeout)
    {
        await WriteConfigurationAsync();
        Process = StartDaemon();
        await Eventually.HoldsAsync(Running, "its control interface answers", ControlAnswersAsync, timeout);
    }

    private protected abstract Task WriteConfigurationAsync();

    private protected abstract DaemonProcess StartDaemon();

    private protected abstract Task<Observation> ControlAnswersAsync();

    /// <summary>Runs the daemon's control tool inside the namespace; a failure names the daemon and shows its log.</summary>
    private protected async Task<string> ControlAsync(string program, params string[] arguments)
    {
        var result = await Namespace.RunAsync(LabPrerequisites.Require(program), arguments, TimeSpan.FromMinutes(5));
        if (result.ExitCode != 0)
        {
            throw Running.Failure($"`{program} {string.Join(' ', arguments)}` exited with {result.ExitCode}: {result.Output.Trim()}");
        }
        return result.StandardOutput;
    }

    /// <summary>Like <see cref="ControlAsync"/>, but a failure is an observation (the daemon may still be starting).</summary>
    private protected async Task<(bool Ok, string Output)> TryControlAsync(string program, params string[] arguments)
    {
        var result = await Namespace.RunAsync(LabPrerequisites.Require(program), arguments);
        return (result.ExitCode == 0, result.ExitCode == 0 ? result.StandardOutput : result.Output.Trim());
    }

    private protected Task WaitForRibRecordsAsync(string path, int expectedPrefixes, TimeSpan timeout) =>
        Eventually.HoldsAsync(Running, $"{path} holds {expectedPrefixes} RIB records", () =>
        {
            var entries = MrtRecordHeader.ReadAll(path).Count(header => header.IsRibEntry);
            return Task.FromResult(new Observation(entries == expectedPrefixes, $"{entries} RIB records"));
        }, timeout);

    private protected DaemonProcess Launch(string program, IEnumerable<string> arguments, string? logFile) =>
        DaemonProcess.Start(Name, Namespace, program, arguments, Directory, logFile);
}
