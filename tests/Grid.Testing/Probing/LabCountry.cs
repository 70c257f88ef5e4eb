using System.Globalization;
using Grid.Testing.Lab;
using Grid.Testing.Processes;

namespace Grid.Testing.Probing;

/// <summary>
/// One pretend country of a <see cref="ProbeLab"/>: its namespace, its veth pair, its answering
/// addresses, and the ways to hurt it (cut the link, drop or delay its traffic).
/// </summary>
public sealed class LabCountry
{
    internal LabCountry(string code, uint asn, int index, NetworkNamespace ns, int blocks)
    {
        Code = code;
        Asn = asn;
        Index = index;
        Namespace = ns;
        Targets = [.. Enumerable.Range(0, blocks).Select(k => $"198.18.{(64 * index) + k}.1")];
    }

    public string Code { get; }

    public uint Asn { get; }

    public int Index { get; }

    public NetworkNamespace Namespace { get; }

    /// <summary>One address per /24, on the country's lo.</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>The /18 that holds the country's blocks, routed to it from the prober.</summary>
    public string Blocks => string.Create(CultureInfo.InvariantCulture, $"198.18.{64 * Index}.0/18");

    internal string ProberLink => string.Create(CultureInfo.InvariantCulture, $"p{Index}");

    internal string CountryLink => string.Create(CultureInfo.InvariantCulture, $"c{Index}");

    internal string ProberAddress => string.Create(CultureInfo.InvariantCulture, $"10.{Index}.0.1");

    internal string CountryAddress => string.Create(CultureInfo.InvariantCulture, $"10.{Index}.0.2");

    /// <summary>Takes the country's end of the link down: its routes stay in the prober, its traffic stops.</summary>
    public Task CutAsync() => Ip("link", "set", CountryLink, "down");

    /// <summary>Brings the link back, with the route home that taking it down removed.</summary>
    public async Task RestoreAsync()
    {
        await Ip("link", "set", CountryLink, "up");
        await RouteBackAsync();
    }

    /// <summary>
    /// Whether <c>tc qdisc … netem</c> works here, tried on the country's link; some kernels (this
    /// sandbox's among them) are built without sch_netem.
    /// </summary>
    public async Task<(bool Works, string Output)> TryNetemAsync(int delayMs, int lossPercent)
    {
        var result = await ExternalCommand.RunAsync("tc", ["-n", Namespace.Name, "qdisc", "add", "dev", CountryLink, "root", "netem",
            "delay", $"{delayMs}ms", "loss", $"{lossPercent}%"]);
        return (result.ExitCode == 0, result.Output.Trim());
    }

    /// <summary>Drops <paramref name="percent"/>% of the echo requests reaching the country, at random (nftables numgen).</summary>
    public async Task DropEchoRequestsAsync(int percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        // numgen's "< N" takes 0-99: all of them is a plain drop.
        var match = percent == 100 ? "icmp type echo-request" : $"icmp type echo-request numgen random mod 100 < {percent}";
        var rules = $$"""
            table inet grid_probe_lab {
              chain input {
                type filter hook input priority 0; policy accept;
                {{match}} drop
              }
            }
            """;
        var file = Path.Combine(Path.GetTempPath(), $"{Namespace.Name}.nft");
        await File.WriteAllTextAsync(file, rules);
        try
        {
            await ProbeLab.Check(await Namespace.RunAsync(LabPrerequisites.Require("nft"), ["-f", file]), "nft -f");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Takes away the rules of <see cref="DropEchoRequestsAsync"/>: every echo request reaches the country again.</summary>
    public async Task StopDroppingEchoRequestsAsync() =>
        await ProbeLab.Check(await Namespace.RunAsync(LabPrerequisites.Require("nft"), ["delete", "table", "inet", "grid_probe_lab"]), "nft delete table");

    /// <summary>Lets the kernel answer echo requests again (after <see cref="SilenceKernelEchoAsync"/>).</summary>
    public async Task RestoreKernelEchoAsync() =>
        await ProbeLab.Check(await Namespace.RunAsync("/bin/sh", ["-c", "echo 0 > /proc/sys/net/ipv4/icmp_echo_ignore_all"]), "icmp_echo_ignore_all=0");

    /// <summary>Starts counting the echo requests that reach the country (an nftables named counter; see <see cref="EchoRequestsAsync"/>).</summary>
    public async Task CountEchoRequestsAsync()
    {
        var rules = """
            table inet grid_probe_count {
              counter echo_requests { }
              chain input {
                type filter hook input priority -10; policy accept;
                icmp type echo-request counter name "echo_requests"
              }
            }
            """;
        var file = Path.Combine(Path.GetTempPath(), $"{Namespace.Name}.count.nft");
        await File.WriteAllTextAsync(file, rules);
        try
        {
            await ProbeLab.Check(await Namespace.RunAsync(LabPrerequisites.Require("nft"), ["-f", file]), "nft -f");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>How many echo requests reached the country since <see cref="CountEchoRequestsAsync"/>: the probes sent to its blocks.</summary>
    public async Task<long> EchoRequestsAsync()
    {
        var result = await Namespace.RunAsync(LabPrerequisites.Require("nft"), ["list", "counter", "inet", "grid_probe_count", "echo_requests"]);
        await ProbeLab.Check(result, "nft list counter");
        var match = System.Text.RegularExpressions.Regex.Match(result.Output, @"packets (\d+)");
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException($"No packet count in: {result.Output}");
    }

    /// <summary>Stops the kernel's own echo replies, so a <see cref="DelayedEchoResponder"/> answers instead.</summary>
    public async Task SilenceKernelEchoAsync() =>
        // /proc/sys/net belongs to the writer's namespace; sh is everywhere, sysctl (procps) is not.
        await ProbeLab.Check(await Namespace.RunAsync("/bin/sh", ["-c", "echo 1 > /proc/sys/net/ipv4/icmp_echo_ignore_all"]), "icmp_echo_ignore_all=1");

    internal Task RouteBackAsync() => Ip("route", "replace", "default", "via", ProberAddress);

    private async Task Ip(params string[] arguments) =>
        await ProbeLab.Check(await ExternalCommand.RunAsync("ip", ["-n", Namespace.Name, .. arguments]), $"ip -n {Namespace.Name} {string.Join(' ', arguments)}");
}
