using System.Text;

namespace Grid.Testing.Lab;

/// <summary>Which address families a shutdown or re-announcement affects.</summary>
[Flags]
public enum RouteFamilies
{
    IPv4 = 1,
    IPv6 = 2,
    Both = IPv4 | IPv6,
}

/// <summary>
/// The pretend country: BIRD originating a <see cref="CountryPrefixSet"/> from two static
/// protocols and announcing it to every neighbor. Disabling those protocols sends real WITHDRAWs
/// over sessions that stay up, which is what a shutdown looks like to a collector; disabling the
/// BGP protocol instead would tear the session down (Cease NOTIFICATION, implicit withdraw, and
/// GoBGP then refuses reconnects for about 30 s).
/// </summary>
public sealed class CountrySpeaker : BirdRouter
{
    internal CountrySpeaker(CountryPrefixSet set, LabRouterOptions options, NetworkNamespace ns, string directory)
        : base(options, ns, directory, "country speaker")
    {
        Set = set;
    }

    /// <summary>The routes it originates now.</summary>
    public CountryPrefixSet Set { get; private set; }

    private string IPv4RoutesFile => FilePrefix + "-country-v4.conf";

    private string IPv6RoutesFile => FilePrefix + "-country-v6.conf";

    /// <summary>Shutdown: withdraws the country's routes of <paramref name="families"/> from every neighbor.</summary>
    public Task WithdrawAsync(RouteFamilies families = RouteFamilies.Both) => SwitchAsync("disable", families);

    /// <summary>Recovery: announces the routes of <paramref name="families"/> again.</summary>
    public Task AnnounceAsync(RouteFamilies families = RouteFamilies.Both) => SwitchAsync("enable", families);

    /// <summary>Originates <paramref name="set"/> instead; BIRD reconfigures in place and sends the difference.</summary>
    public async Task ReplaceRoutesAsync(CountryPrefixSet set)
    {
        Set = set;
        await WriteRouteFilesAsync();
        await BirdcAsync("configure");
    }

    private protected override async Task WriteConfigurationAsync()
    {
        await WriteRouteFilesAsync();
        await File.WriteAllTextAsync(ConfigFile, BirdConfig.Render(Options, LogFile, (IPv4RoutesFile, IPv6RoutesFile)));
    }

    private async Task SwitchAsync(string command, RouteFamilies families)
    {
        // birdc takes one protocol name or one quoted pattern per command, not a list.
        if (families.HasFlag(RouteFamilies.IPv4))
        {
            await BirdcAsync(command, BirdConfig.CountryIPv4Protocol);
        }
        if (families.HasFlag(RouteFamilies.IPv6))
        {
            await BirdcAsync(command, BirdConfig.CountryIPv6Protocol);
        }
    }

    private async Task WriteRouteFilesAsync()
    {
        await WriteRoutesAsync(IPv4RoutesFile, Set.IPv4Routes);
        await WriteRoutesAsync(IPv6RoutesFile, Set.IPv6Routes);
    }

    // A million routes make ~150 MB of config: stream it.
    private static async Task WriteRoutesAsync(string path, IEnumerable<CountryRoute> routes)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20);
        foreach (var route in routes)
        {
            BirdConfig.AppendStaticRoute(writer, route);
        }
    }
}
