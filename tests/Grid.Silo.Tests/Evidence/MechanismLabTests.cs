using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Grid.Bgp.Model;
using Grid.Evidence.Bundles;
using Grid.Silo.Tests.Probing;
using Grid.Testing.Data;
using Grid.Testing.Lab;
using Grid.Testing.Probing;
using Grid.Testing.Processes;
using Grid.Testing.Silo;
using Xunit.Abstractions;

namespace Grid.Silo.Tests.Evidence;

/// <summary>
/// One pretend country, XA: 64 answering /24s behind a veth pair (a probe lab), and the same 64 /24s
/// announced by a real BIRD to the silo's BGP speaker. Three ways to cut it, one after another on
/// one silo, must each be told by the event's mechanism:
/// <list type="bullet">
/// <item>its hosts answer 100 ms late (a user-space responder, the stand-in for <c>tc netem delay</c>
/// where the kernel lacks sch_netem, as here): <c>throttled</c>;</item>
/// <item>its hosts stop answering (nftables drops every echo request) while BIRD keeps the routes: <c>hosts-silent</c>,
/// and the bundle's probe part shows those blocks down;</item>
/// <item>BIRD withdraws the routes and the link goes dark: <c>routes-withdrawn</c>.</item>
/// </list>
/// </summary>
[Trait("needs", "bgp-daemons")]
public sealed class MechanismLabTests(ITestOutputHelper output)
{
    private const string Code = "XA";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [NeedsRootFact]
    public async Task ThrottlingSilencedHostsAndWithdrawnRoutesAreToldApart()
    {
        await using var probes = await ProbeLab.CreateAsync([Code]);
        var country = probes.Countries[0];
        await using var bgp = BgpLab.Within(probes.Prober);
        using var directory = new TemporaryDirectory();
        var settings = ProbingSilo.Settings(probes.WriteHitlist(directory.PathOf("hitlist.txt")), Interval, TimeSpan.FromMilliseconds(500));
        foreach (var (name, value) in QuickDetection())
        {
            settings[name] = value;
        }

        await using var grid = await LabSilo.StartAsync(bgp, [new LabSiloPeer(BgpLab.SpeakerAddress, BgpLab.SpeakerAsn)], settings,
            [$"lab|{Code}|ipv4|198.18.0.0|16384|20200101|allocated|lab"]);
        var blocks = country.Targets.Select(t => Prefix.Parse(t[..t.LastIndexOf('.')] + ".0/24")).ToList();
        var speaker = await bgp.StartCountrySpeakerAsync(CountryPrefixSet.Originated(blocks, country.Asn, "XA's 64 /24s"), [], [LabSilo.Neighbor]);
        var http = grid.Process.Http;
        await Poll.UntilAsync("XA normal on BGP (64 /24s) and probes (64 up)", async () =>
        {
            var signals = (await http.GetFromJsonAsync<JsonElement>($"/v1/countries/{Code}")).GetProperty("signals");
            return Level(signals, "bgp") == "normal" && Level(signals, "probes") == "normal" && signals.GetProperty("probes").GetProperty("value").GetInt64() == 64;
        }, Wait);
        // RTT and loss have their own warm-up; their first bins came with the probes'.
        await Task.Delay(TimeSpan.FromSeconds(8));
        var seen = new HashSet<string>();

        // 1. Slow: every block still answers, 100 ms late.
        await country.SilenceKernelEchoAsync();
        var responder = new DelayedEchoResponder(country.Namespace, TimeSpan.FromMilliseconds(100));
        try
        {
            await EventAsync(grid, seen, "throttled");
        }
        finally
        {
            await responder.DisposeAsync();
            await country.RestoreKernelEchoAsync();
        }

        await ResolvedAsync(grid);

        // 2. Silent: the hosts stop answering, the routes stay.
        await country.DropEchoRequestsAsync(percent: 100);
        var silent = await EventAsync(grid, seen, "hosts-silent");
        var bundle = await BundleAsync(http, silent, "critical");
        var rows = Encoding.UTF8.GetString(bundle["probes/blocks.csv"]!).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time,block,state,sent,received,mean_rtt_ms", rows[0]);
        var down = rows.Skip(1).Where(r => !r.StartsWith('#')).Select(r => r.Split(',')).Where(r => r[2] == "down").Select(r => r[1]).ToHashSet();
        Assert.True(down.Count >= 32, $"the bundle shows {down.Count} of XA's 64 blocks down: {string.Join(" ", rows.Take(20))}");
        Assert.Subset(blocks.Select(b => b.ToString()).ToHashSet(), down);
        using (var described = JsonDocument.Parse(bundle["event.json"]!))
        {
            Assert.Equal("hosts-silent", described.RootElement.GetProperty("mechanism").GetString());
        }

        await country.StopDroppingEchoRequestsAsync();
        await ResolvedAsync(grid);

        // 3. Withdrawn: BIRD withdraws the routes and the link goes dark with them.
        await speaker.WithdrawAsync(RouteFamilies.IPv4);
        await country.CutAsync();
        await EventAsync(grid, seen, "routes-withdrawn");
    }

    /// <summary>Detection in seconds rather than minutes, for every signal the lab moves.</summary>
    private static Dictionary<string, string?> QuickDetection()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Grid__Detection__Tick"] = "00:00:01",
            ["Grid__Evidence__After"] = "00:00:02",
        };
        foreach (var signal in new[] { "bgp", "probes", "probesRttMicroseconds", "probesLossPpm" })
        {
            var key = $"Grid__Detection__Signals__{signal}__";
            settings[key + "History"] = "00:02:00";
            settings[key + "WarmUp"] = "00:00:06";
            settings[key + "MinDuration"] = "00:00:04";
            settings[key + "Recovery"] = "00:00:04";
        }

        return settings;
    }

    private static string? Level(JsonElement signals, string signal) =>
        signals.TryGetProperty(signal, out var s) ? s.GetProperty("level").GetString() : null;

    /// <summary>Waits for a new event of XA with <paramref name="mechanism"/>, and returns its id.</summary>
    private async Task<string> EventAsync(LabSilo grid, HashSet<string> seen, string mechanism)
    {
        string? id = null;
        var last = "";
        try
        {
            await Poll.UntilAsync($"a new XA event told {mechanism}", async () =>
            {
                var events = await grid.Process.Http.GetFromJsonAsync<JsonElement>($"/v1/events?cc={Code}");
                last = events.GetRawText();
                id = events.GetProperty("items").EnumerateArray()
                    .Where(e => e.GetProperty("entity").GetString() == Code && !seen.Contains(e.GetProperty("id").GetString()!) && e.GetProperty("mechanism").GetString() == mechanism)
                    .Select(e => e.GetProperty("id").GetString()).FirstOrDefault();
                return id is not null;
            }, Wait);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Events: {last}; XA: {await grid.Process.Http.GetStringAsync($"/v1/countries/{Code}")}", e);
        }

        seen.Add(id!);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:HH:mm:ss} {id}: {mechanism}"));
        return id!;
    }

    /// <summary>Waits until XA has no open event, so the next cut opens a new one.</summary>
    private static async Task ResolvedAsync(LabSilo grid) =>
        await Poll.UntilAsync("XA's event resolved", async () =>
            (await grid.Process.Http.GetFromJsonAsync<JsonElement>($"/v1/events?cc={Code}")).GetProperty("items").EnumerateArray()
                .All(e => e.GetProperty("entity").GetString() != Code || e.GetProperty("status").GetString() == "resolved"), Wait);

    private static async Task<EvidenceBundle> BundleAsync(HttpClient http, string eventId, string level)
    {
        EvidenceBundle? bundle = null;
        await Poll.UntilAsync($"{eventId}'s {level} bundle", async () =>
        {
            using var response = await http.GetAsync($"/v1/events/{eventId}/evidence");
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            bundle = EvidenceBundle.ReadTarGz(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
            return EvidenceManifest.Parse(bundle[EvidenceManifest.FileName]).Level == level;
        }, Wait);
        return bundle!;
    }
}
