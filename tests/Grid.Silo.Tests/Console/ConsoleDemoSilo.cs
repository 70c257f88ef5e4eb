using System.Globalization;
using System.Net.Http.Json;
using Grid.Silo.Tests.Api;
using Grid.Testing.Data;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Console;

/// <summary>
/// A <c>--demo</c> silo on a shorter schedule than a newcomer's (BY goes dark 40 s after start, for
/// 60 s, and again every two and a half minutes), so that the console's whole story (normal,
/// critical, recovered) comes round within minutes whichever test of the collection runs first;
/// with DB-IP's regions loaded, so that BY's page lists its regions and their attribution; and with
/// the API tests' keys, so that a test can POST a region's signal (<c>answers</c>, judged like
/// probes after five minutes) as an outside vantage point would. Reads stay open.
/// </summary>
public sealed class ConsoleDemoSilo : IAsyncLifetime
{
    private SiloProcess? _silo;

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("The demo silo has not started.");

    public async Task InitializeAsync() =>
        _silo = await SiloProcess.StartAsync(["--demo"], ApiSilo.Settings(new Dictionary<string, string?>
        {
            ["Grid__Demo__WarmUp"] = "00:00:40",
            ["Grid__Demo__Outage"] = "00:01:00",
            ["Grid__Demo__Cycle"] = "00:02:30",
            ["Grid__RateLimits__Enabled"] = "false",
            ["Grid__Geo__Regions"] = SharedData.RegionDatabaseDirectory,
            ["Grid__Detection__Signals__answers__Like"] = "probes",
            ["Grid__Detection__Signals__answers__WarmUp"] = "00:05:00",
            ["Grid__Detection__Signals__answers__MinDuration"] = "00:00:20",
        }));

    /// <summary>
    /// Twenty minutes of <c>answers</c> of <paramref name="entity"/> (<c>region/BY-HM</c>) every 10 s up
    /// to <paramref name="end"/>: about 100 throughout, but 3 in the points <paramref name="dark"/> selects.
    /// </summary>
    public async Task PostAnswersAsync(string entity, DateTimeOffset end, Func<int, bool> dark)
    {
        var points = Enumerable.Range(0, 120).Select(i => new
        {
            time = end.AddSeconds(10 * (i - 119)).ToString("O", CultureInfo.InvariantCulture),
            entity,
            signal = "answers",
            value = dark(i) ? 3 : 100 + (i * 37 % 11) - 5,
        });
        using var response = await Silo.Http.SendAsync(ApiSilo.With(ApiSilo.IngestKey, HttpMethod.Post, "/v1/signals", JsonContent.Create(new { points })));
        var body = await ApiSilo.JsonAsync(response);
        Assert.True(body.GetProperty("accepted").GetInt32() == 120, body.ToString());
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
