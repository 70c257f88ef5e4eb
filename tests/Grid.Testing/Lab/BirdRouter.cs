using System.Net;

namespace Grid.Testing.Lab;

/// <summary>
/// BIRD 2 as a lab router. Collectors dump the RIB on demand (`mrt dump table`) and log received
/// messages with `mrtdump`; <see cref="CountrySpeaker"/> builds on this class.
/// </summary>
public class BirdRouter : LabRouter
{
    internal BirdRouter(LabRouterOptions options, NetworkNamespace ns, string directory, string role)
        : base(BgpDaemon.Bird, options, ns, directory, role)
    {
    }

    /// <summary>The control socket birdc talks to.</summary>
    public string ControlSocket => FilePrefix + ".ctl";

    private protected string LogFile => FilePrefix + ".log";

    private protected string ConfigFile => FilePrefix + ".conf";

    /// <summary>Runs one birdc command, e.g. <c>BirdcAsync("show", "route", "count")</c>; fails if BIRD reports an error.</summary>
    public Task<string> BirdcAsync(params string[] command) => ControlAsync("birdc", ["-s", ControlSocket, .. command]);

    public override async Task<Observation> SessionStateAsync(IPAddress neighbor)
    {
        var (ok, output) = await TryControlAsync("birdc", "-s", ControlSocket, "show", "protocols", ProtocolFor(neighbor));
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? output;
        return new Observation(ok && line.Contains("Established", StringComparison.Ordinal), line.Trim());
    }

    public override async Task<RouteCounts> RoutesFromAsync(IPAddress neighbor)
    {
        // `show protocols all` lists each channel ("Channel ipv4") and, while it is up,
        // "Routes: N imported, M exported, K preferred".
        var output = await BirdcAsync("show", "protocols", "all", ProtocolFor(neighbor));
        int ipv4 = 0, ipv6 = 0;
        string? channel = null;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("Channel ", StringComparison.Ordinal))
            {
                channel = line["Channel ".Length..];
            }
            else if (line.StartsWith("Routes:", StringComparison.Ordinal))
            {
                var imported = int.Parse(line["Routes:".Length..].TrimStart().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                if (channel == "ipv4")
                {
                    ipv4 = imported;
                }
                else if (channel == "ipv6")
                {
                    ipv6 = imported;
                }
            }
        }
        return new RouteCounts(ipv4, ipv6);
    }

    /// <summary>
    /// `mrt dump table "master*"`: BIRD appends one dump per table (a PEER_INDEX_TABLE, then the
    /// RIB records) to the file, so the result holds master4's and then master6's.
    /// </summary>
    public override async Task DumpRibAsync(string path, int expectedPrefixes, TimeSpan timeout)
    {
        await BirdcAsync($"mrt dump table \"master*\" to \"{path}\"");
        await WaitForRibRecordsAsync(path, expectedPrefixes, timeout);
    }

    /// <summary>Protocols are named after the neighbor's address (<see cref="BirdConfig.ProtocolName"/>).</summary>
    public string ProtocolFor(IPAddress neighbor)
    {
        var configured = Options.Neighbors.FirstOrDefault(n => n.Address.Equals(neighbor))
            ?? throw new ArgumentException($"{Name} has no neighbor {neighbor}.", nameof(neighbor));
        return BirdConfig.ProtocolName(configured);
    }

    private protected override Task WriteConfigurationAsync() =>
        File.WriteAllTextAsync(ConfigFile, BirdConfig.Render(Options, LogFile));

    private protected override DaemonProcess StartDaemon() =>
        Launch("bird", ["-f", "-c", ConfigFile, "-s", ControlSocket], LogFile);

    private protected override async Task<Observation> ControlAnswersAsync()
    {
        var (ok, output) = await TryControlAsync("birdc", "-s", ControlSocket, "show", "status");
        return new Observation(ok, output.Trim());
    }
}
