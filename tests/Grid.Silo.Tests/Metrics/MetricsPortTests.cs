using System.Globalization;
using System.Net;
using Grid.Silo.Tests.Api;
using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Metrics;

/// <summary>
/// Issue 21, item 9: with <c>Grid:Metrics:Listen</c>, <c>/metrics</c> is served on that port alone,
/// which serves nothing else, and the API's port no longer serves it.
/// </summary>
public sealed class MetricsPortTests : IAsyncLifetime
{
    private readonly int _metricsPort = LoopbackPort.FindFree();
    private SiloProcess _silo = null!;

    public async Task InitializeAsync() => _silo = await ApiSilo.StartAsync(new Dictionary<string, string?>
    {
        ["Grid__Metrics__Listen"] = "127.0.0.1:" + _metricsPort.ToString(CultureInfo.InvariantCulture),
    });

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task MetricsListenServesMetricsOnItsOwnPortAndNothingElse()
    {
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_metricsPort}"), Timeout = TimeSpan.FromSeconds(30) };
        using (var scrape = await scraper.GetAsync("/metrics"))
        {
            Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
            Assert.Contains("grid_entity_level", await scrape.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        foreach (var path in new[] { "/", "/v1/countries", "/v1/cluster", "/healthz" })
        {
            using var api = await scraper.GetAsync(path);
            await ApiSilo.ProblemAsync(api, 404);
        }

        using var onApiPort = await _silo.Http.GetAsync("/metrics");
        var problem = await ApiSilo.ProblemAsync(onApiPort, 404);
        Assert.Contains(_metricsPort.ToString(CultureInfo.InvariantCulture), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var countries = await _silo.Http.GetAsync("/v1/countries");
        Assert.Equal(HttpStatusCode.OK, countries.StatusCode);
    }
}
