using System.Globalization;
using System.Text;
using Grid.Testing.Lab;
using Grid.Testing.Processes;

namespace Grid.Testing.Probing;

/// <summary>
/// Pretend countries for the prober: a prober namespace, and per country a namespace behind a veth
/// pair that owns one address per /24 (198.18.N.1 on its lo; N = 64·i + k), routed from the prober
/// namespace. The host's own links and routes are untouched; the silo runs in <see cref="Prober"/>.
/// </summary>
public sealed class ProbeLab : IAsyncDisposable
{
    private readonly List<LabCountry> _countries = [];

    private ProbeLab(NetworkNamespace prober) => Prober = prober;

    /// <summary>Where the silo runs: it sees one veth per country and the routes to their blocks.</summary>
    public NetworkNamespace Prober { get; }

    public IReadOnlyList<LabCountry> Countries => _countries;

    /// <summary>Builds the lab: <paramref name="codes"/> are the countries' codes, each with <paramref name="blocksPerCountry"/> (at most 64) answering /24s.</summary>
    public static async Task<ProbeLab> CreateAsync(IReadOnlyList<string> codes, int blocksPerCountry = 64)
    {
        var lab = new ProbeLab(await NetworkNamespace.CreateAsync());
        try
        {
            for (var i = 0; i < codes.Count; i++)
            {
                var ns = await NetworkNamespace.CreateAsync();
                var country = new LabCountry(codes[i], 64500u + (uint)i, i, ns, blocksPerCountry);
                lab._countries.Add(country);
                await lab.Ip("link", "add", country.ProberLink, "type", "veth", "peer", "name", country.CountryLink, "netns", ns.Name);
                await lab.Ip("addr", "add", $"{country.ProberAddress}/30", "dev", country.ProberLink);
                await lab.Ip("link", "set", country.ProberLink, "up");
                var batch = new StringBuilder()
                    .AppendLine(CultureInfo.InvariantCulture, $"addr add {country.CountryAddress}/30 dev {country.CountryLink}")
                    .AppendLine(CultureInfo.InvariantCulture, $"link set {country.CountryLink} up");
                foreach (var target in country.Targets)
                {
                    batch.AppendLine(CultureInfo.InvariantCulture, $"addr add {target}/32 dev lo");
                }

                await IpBatch(ns, batch.ToString());
                await country.RouteBackAsync();
                await lab.Ip("route", "add", country.Blocks, "via", country.CountryAddress);
            }

            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>A hitlist naming every target with its country and AS, as the silo reads it.</summary>
    public string WriteHitlist(string path)
    {
        File.WriteAllLines(path, _countries.SelectMany(c => c.Targets.Select(t => $"{t} {c.Code} AS{c.Asn}")).Prepend("# probe lab: address country AS"));
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var country in _countries)
        {
            await country.Namespace.DisposeAsync();
        }

        await Prober.DisposeAsync();
    }

    internal static async Task IpBatch(NetworkNamespace ns, string commands)
    {
        var file = Path.Combine(Path.GetTempPath(), $"{ns.Name}.ip");
        await File.WriteAllTextAsync(file, commands);
        try
        {
            await Check(await ExternalCommand.RunAsync("ip", ["-n", ns.Name, "-batch", file]), $"ip -n {ns.Name} -batch");
        }
        finally
        {
            File.Delete(file);
        }
    }

    internal static async Task Check(CommandResult result, string what)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{what}` failed: {result.Output.Trim()}");
        }

        await Task.CompletedTask;
    }

    private async Task Ip(params string[] arguments) =>
        await Check(await ExternalCommand.RunAsync("ip", ["-n", Prober.Name, .. arguments]), $"ip -n {Prober.Name} {string.Join(' ', arguments)}");
}
