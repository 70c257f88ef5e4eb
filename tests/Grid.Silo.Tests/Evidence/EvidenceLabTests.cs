using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Grid.Evidence.Bundles;
using Grid.Evidence.Signing;
using Grid.Evidence.Verification;
using Grid.Testing.Lab;
using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Evidence;

/// <summary>
/// A real outage in the BGP lab (the pretend country's BIRD speaker withdraws its IPv4 space
/// through a BIRD relay to a real silo) must leave a sealed bundle that anyone can check: its MRT
/// part read by bgpdump shows the relay's withdrawals of exactly the country's prefixes, it holds
/// the signal points and the settings, and it verifies against the served key and log.
/// </summary>
[Trait("needs", "bgp-daemons")]
public sealed class EvidenceLabTests : IDisposable
{
    private static readonly CountryPrefixSet Set = CountryPrefixSet.Country(ipv4: 300, ipv6: 40, seed: 19);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _archive = Directory.CreateTempSubdirectory("grid-evidence-lab-");

    [Fact]
    public async Task ALabWithdrawalIsSealedWithItsWithdrawalsAsMrtThatBgpdumpReadsAndVerifies()
    {
        await using var lab = await BgpLab.CreateAsync();
        var relayAddress = IPAddress.Parse("127.0.0.2");
        await using var grid = await LabSilo.StartAsync(lab, [new LabSiloPeer(relayAddress, BgpLab.DefaultAsn(BgpDaemon.Bird))], Settings());
        var relay = await lab.StartRelayAsync(BgpDaemon.Bird, LabSilo.Neighbor);
        var speaker = await lab.StartCountrySpeakerAsync(Set, relay);
        var expected = LabSilo.Expected(Set);
        await grid.WaitForCountryAsync(expected, Step);
        // Detection judges against a baseline: the country must be seen normal before its outage,
        // or the drop has nothing to be measured against (its level stays unknown).
        var http = grid.Process.Http;
        await Poll.UntilAsync("BY is normal", async () =>
            (await http.GetFromJsonAsync<JsonElement>("/v1/countries/BY")).GetProperty("signals").GetProperty("bgp").GetProperty("level").GetString() == "normal", Step);

        // A protest watch window holds today: the bundle reaches back Grid:Evidence:WatchBefore (6 h), not Before (1 h).
        using (var watched = await http.SendAsync(Api.ApiSilo.With(Api.ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch",
            JsonContent.Create(new { kind = "protest", country = "BY", start = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), title = "Rally" }))))
        {
            Assert.True(watched.IsSuccessStatusCode, await watched.Content.ReadAsStringAsync());
        }

        await speaker.WithdrawAsync(RouteFamilies.IPv4);
        await grid.WaitForCountryAsync((0, expected.Bgp6), Step);
        string? eventId = null;
        var seen = "";
        try
        {
            await Poll.UntilAsync("BY's critical event", async () =>
            {
                var events = await http.GetFromJsonAsync<JsonElement>("/v1/events?cc=BY");
                seen = events.GetRawText();
                eventId = events.GetProperty("items").EnumerateArray()
                    .Where(e => e.GetProperty("location").GetString() == "country/BY" && e.GetProperty("level").GetString() == "critical")
                    .Select(e => e.GetProperty("id").GetString()).FirstOrDefault();
                return eventId is not null;
            }, 2 * Step);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Events: {seen}; BY: {await http.GetStringAsync("/v1/countries/BY")}", e);
        }

        byte[]? tarGz = null;
        await Poll.UntilAsync($"{eventId}'s critical bundle", async () =>
        {
            using var response = await http.GetAsync($"/v1/events/{eventId}/evidence");
            tarGz = response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync() : null;
            return tarGz is not null && Manifest(tarGz).Level == "critical";
        }, Step);
        var bundle = EvidenceBundle.ReadTarGz(new MemoryStream(tarGz!));

        // bgpdump reads the MRT part, and it holds the relay's withdrawals of the country's IPv4 prefixes.
        var mrt = Path.Combine(_archive.FullName, "updates.mrt");
        await File.WriteAllBytesAsync(mrt, bundle["bgp/updates.mrt"]!);
        var withdrawn = new HashSet<string>();
        await foreach (var line in Bgpdump.LinesAsync(mrt))
        {
            var parsed = BgpdumpLine.Parse(line);
            if (parsed.Kind == BgpdumpLine.Withdrawal && parsed.PeerAddress.Equals(relayAddress))
            {
                withdrawn.Add(parsed.Prefix!.Value.ToString());
            }
        }
        var ipv4 = Set.Prefixes.Where(p => p.IsIPv4).Select(p => p.ToString()).ToHashSet();
        Assert.True(withdrawn.SetEquals(ipv4), $"bgpdump shows {withdrawn.Count} withdrawn prefixes, {withdrawn.Except(ipv4).Count()} of them not the country's; the country withdrew {ipv4.Count}");

        // The signal points through the drop, and the settings in force.
        var history = Encoding.UTF8.GetString(bundle["signals/history.csv"]!).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("time,bgp", history[0], StringComparison.Ordinal);
        // A series keeps one value a step, so the last moments of the announcement may fall between
        // two steps: the points must show the space up (at least half of it) and then gone.
        var values = history.Skip(1).Select(row => row.Split(',')[1]).Where(v => v.Length > 0).Select(long.Parse).ToList();
        Assert.True(values.Any(v => v >= expected.Bgp / 2), $"no point near {expected.Bgp}: {string.Join(" ", history.Take(40))}");
        Assert.Contains(0L, values);
        using (var described = JsonDocument.Parse(bundle["event.json"]!))
        {
            var root = described.RootElement;
            Assert.Equal(["protest"], root.GetProperty("watch").EnumerateArray().Select(k => k.GetString()));
            Assert.Equal(TimeSpan.FromHours(6), root.GetProperty("at").GetDateTimeOffset() - root.GetProperty("window").GetProperty("from").GetDateTimeOffset());
            Assert.Equal("routes-withdrawn", root.GetProperty("mechanism").GetString());
        }

        using var settings = JsonDocument.Parse(bundle["context/settings.json"]!);
        Assert.True(settings.RootElement.GetProperty("detection").GetProperty("signals").TryGetProperty("bgp", out _));

        // It verifies against the key and log the server serves.
        var key = EvidencePublicKey.FromPem(await http.GetStringAsync("/v1/evidence/key"));
        var log = (await http.GetStringAsync("/v1/evidence/log")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var report = EvidenceVerifier.Verify(bundle, key, log);
        Assert.True(report.Verified, string.Join("\n", report.Failures));
    }

    private static EvidenceManifest Manifest(byte[] tarGz) =>
        EvidenceManifest.Parse(EvidenceBundle.ReadTarGz(new MemoryStream(tarGz))[EvidenceManifest.FileName]);

    private Dictionary<string, string?> Settings() => Api.ApiSilo.Settings(new Dictionary<string, string?>
    {
        ["Grid__Evidence__Dir"] = _archive.FullName,
        ["Grid__Evidence__After"] = "00:00:02",
        ["Grid__Signals__Step"] = "00:00:01",
        ["Grid__Detection__Tick"] = "00:00:01",
        ["Grid__Detection__Signals__bgp__WarmUp"] = "00:00:02",
        ["Grid__Detection__Signals__bgp__MinDuration"] = "00:00:01",
        ["Grid__Detection__Signals__bgp__Recovery"] = "00:00:01",
    });

    public void Dispose() => _archive.Delete(recursive: true);
}
