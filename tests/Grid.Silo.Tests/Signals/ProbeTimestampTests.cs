using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Silo.Tests.Api;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Signals;

/// <summary>
/// Probe results land in the bins of their measurement time, not of their arrival: an upload of
/// the last two hours, in one request, fills those hours' ten-minute bins (Grid:Signals:MaxLateness
/// set to three hours here), and a result older than the lateness is refused with its reason.
/// </summary>
public sealed class ProbeTimestampTests : IAsyncLifetime
{
    private static readonly TimeSpan Bin = TimeSpan.FromMinutes(10);

    private static readonly string[] Blocks = ["198.51.100.1", "198.51.101.1", "198.51.102.1"];

    private SiloProcess? _silo;

    public async Task InitializeAsync() => _silo = await SiloProcess.StartAsync([], ApiSilo.Settings(new Dictionary<string, string?>
    {
        ["Grid__Signals__MaxLateness"] = "03:00:00",
        ["Grid__Feeds__RisLive__Enabled"] = "false",
    }));

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task ResultsSpreadOverTwoHoursLandInTheBinsOfTheirTimestamps()
    {
        // Twelve ended bins, named by their ends: in the even ones all three blocks answer, in the odd ones one.
        var open = BinStart(DateTimeOffset.UtcNow);
        var ends = Enumerable.Range(0, 12).Select(k => open - (Bin * k)).ToList();
        var results = ends.SelectMany((end, k) => Blocks.Select((address, b) => new
        {
            address,
            timestamp = (end - (Bin / 2)).ToString("O", CultureInfo.InvariantCulture),
            sent = 2,
            rttMs = k % 2 == 0 || b == 0 ? new[] { 40.0, 41.0 } : [],
            // A user-assigned code: these documentation /24s are in no country by geography, and a real code would be refused.
            country = "XM",
        })).ToList();
        var tooOld = new { address = Blocks[0], timestamp = (open - TimeSpan.FromHours(4)).ToString("O", CultureInfo.InvariantCulture), sent = 2, rttMs = new[] { 40.0 }, country = "XM" };

        using var response = await _silo!.Http.SendAsync(ApiSilo.With(ApiSilo.IngestKey, HttpMethod.Post, "/v1/probes/results", JsonContent.Create(new { results = results.Cast<object>().Append(tooOld) })));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ApiSilo.JsonAsync(response);
        Assert.Equal(results.Count, body.GetProperty("accepted").GetInt32());
        var refused = Assert.Single(body.GetProperty("refused").EnumerateArray());
        Assert.Equal(results.Count, refused.GetProperty("index").GetInt32());
        Assert.Contains("Grid:Signals:MaxLateness", refused.GetProperty("reason").GetString(), StringComparison.Ordinal);

        var from = ends[^1].ToString("O", CultureInfo.InvariantCulture);
        var until = ends[0].ToString("O", CultureInfo.InvariantCulture);
        // The shard sends the late bins' parts a moment after the upload, oldest first; a history read
        // meanwhile holds the last value recorded so far in every later bin, so wait for the whole pattern.
        var expected = ends.Select((end, k) => (end, k % 2 == 0 ? 3L : 1L)).ToDictionary(e => e.end, e => e.Item2);
        Dictionary<DateTimeOffset, long> perBin = [];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30) && !expected.All(e => perBin.GetValueOrDefault(e.Key) == e.Value))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            // XM is user-assigned: the country is 404 until the first bin reaches it (a real country, 200 from the start).
            using var read = await _silo.Http.GetAsync($"/v1/countries/XM/signals?from={Uri.EscapeDataString(from)}&until={Uri.EscapeDataString(until)}&step=600");
            if (!read.IsSuccessStatusCode)
            {
                continue;
            }

            var history = await read.Content.ReadFromJsonAsync<JsonElement>();
            perBin = history.GetProperty("signals").TryGetProperty("probes", out var probes)
                ? probes.EnumerateArray().ToDictionary(p => p.GetProperty("at").GetDateTimeOffset(), p => p.GetProperty("value").GetInt64())
                : [];
        }

        var shown = string.Join(", ", perBin.OrderBy(p => p.Key).Select(p => $"{p.Key:HH:mm} {p.Value}"));
        Assert.True(expected.All(e => perBin.GetValueOrDefault(e.Key) == e.Value), $"expected 3 and 1 by turns, newest 3: {shown}");
    }

    private static DateTimeOffset BinStart(DateTimeOffset at) =>
        DateTimeOffset.UnixEpoch.AddTicks((at - DateTimeOffset.UnixEpoch).Ticks / Bin.Ticks * Bin.Ticks);
}
