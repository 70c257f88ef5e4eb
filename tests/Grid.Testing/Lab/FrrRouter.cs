using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Grid.Testing.Lab;

/// <summary>
/// FRR's bgpd as a lab router, run alone (-Z: without zebra, so no kernel routes; -S: as root, so it
/// can write into the lab directory) and controlled with vtysh over its own socket directory.
/// </summary>
public sealed class FrrRouter : LabRouter
{
    internal FrrRouter(LabRouterOptions options, NetworkNamespace ns, string directory, string role)
        : base(BgpDaemon.Frr, options, ns, directory, role)
    {
    }

    /// <summary>The directory holding bgpd.vty, which vtysh --vty_socket needs.</summary>
    public string VtySocketDirectory => FilePrefix + "-vty";

    private string ConfigFile => FilePrefix + ".conf";

    private string LogFile => FilePrefix + ".log";

    /// <summary>Runs vtysh commands in order, e.g. <c>VtyshAsync("show bgp ipv4 unicast summary")</c>.</summary>
    public Task<string> VtyshAsync(params string[] commands) =>
        ControlAsync("vtysh", ["--vty_socket", VtySocketDirectory, .. commands.SelectMany(c => new[] { "-c", c })]);

    public override async Task<Observation> SessionStateAsync(IPAddress neighbor)
    {
        var (ok, output) = await TryControlAsync("vtysh", "--vty_socket", VtySocketDirectory, "-c", $"show bgp neighbors {neighbor} json");
        if (!ok)
        {
            return new Observation(false, output);
        }
        using var json = JsonDocument.Parse(output);
        var state = json.RootElement.TryGetProperty(neighbor.ToString(), out var peer) && peer.TryGetProperty("bgpState", out var s)
            ? s.GetString() ?? "?"
            : "unknown neighbor";
        return new Observation(state == "Established", state);
    }

    public override async Task<RouteCounts> RoutesFromAsync(IPAddress neighbor) =>
        new(await PrefixesReceivedAsync("ipv4", neighbor), await PrefixesReceivedAsync("ipv6", neighbor));

    /// <summary>
    /// `dump bgp routes-mrt PATH` without an interval is a one-off dump, done before vtysh returns
    /// (bgp_dump.c runs it at once); the wait below only confirms the file is whole.
    /// </summary>
    public override async Task DumpRibAsync(string path, int expectedPrefixes, TimeSpan timeout)
    {
        await VtyshAsync("configure terminal", $"dump bgp routes-mrt {path}");
        await WaitForRibRecordsAsync(path, expectedPrefixes, timeout);
    }

    private protected override async Task WriteConfigurationAsync()
    {
        System.IO.Directory.CreateDirectory(VtySocketDirectory);
        await File.WriteAllTextAsync(ConfigFile, FrrConfig.Render(Options, LogFile));
    }

    private protected override DaemonProcess StartDaemon() =>
        Launch("bgpd", [
            "-Z", "-S",
            "-l", Address.ToString(),
            "-p", Options.ListenPort.ToString(CultureInfo.InvariantCulture),
            "-f", ConfigFile,
            "-i", FilePrefix + ".pid",
            "--vty_socket", VtySocketDirectory,
            // No TCP vty: vtysh uses the socket, and parallel labs need no port.
            "-P", "0",
            // BMP (RFC 7854) is a loadable module of bgpd (bgpd_bmp.so).
            .. Options.BmpStation is null ? Array.Empty<string>() : ["-M", "bmp"],
        ], LogFile);

    private protected override async Task<Observation> ControlAnswersAsync()
    {
        var (ok, output) = await TryControlAsync("vtysh", "--vty_socket", VtySocketDirectory, "-c", "show bgp summary");
        return new Observation(ok, output);
    }

    private async Task<int> PrefixesReceivedAsync(string family, IPAddress neighbor)
    {
        using var json = JsonDocument.Parse(await VtyshAsync($"show bgp {family} unicast summary json"));
        return json.RootElement.TryGetProperty("peers", out var peers)
            && peers.TryGetProperty(neighbor.ToString(), out var peer)
            && peer.TryGetProperty("pfxRcd", out var received)
            ? received.GetInt32()
            : 0;
    }
}
