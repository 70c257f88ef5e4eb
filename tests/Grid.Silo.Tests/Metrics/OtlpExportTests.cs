using System.Collections.Concurrent;
using System.Text;
using Grid.Testing.Processes;
using Grid.Testing.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Grid.Silo.Tests.Metrics;

/// <summary>
/// With <c>Grid:Otlp:Endpoint</c> set, the silo exports OTLP/HTTP traces (API requests and the grain
/// calls they make) and metrics to a real HTTP receiver on loopback.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task ASiloWithAnOtlpEndpointExportsApiAndGrainCallSpansAndMetrics()
    {
        var received = new ConcurrentQueue<(string Path, byte[] Body)>();
        var port = LoopbackPort.FindFree();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Enqueue((request.Path, body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync();

        await using var silo = await SiloProcess.StartAsync(["--demo"], new Dictionary<string, string?>
        {
            ["Grid__Otlp__Endpoint"] = $"http://127.0.0.1:{port}",
            ["Grid__Otlp__Protocol"] = "http/protobuf",
            ["Grid__Otlp__MetricsInterval"] = "00:00:02",
        });
        await silo.Http.GetStringAsync("/v1/countries/BY");

        bool Has(string path, string text) => received.Any(r => r.Path == path && Encoding.UTF8.GetString(r.Body).Contains(text, StringComparison.Ordinal));
        await Poll.UntilAsync("spans and metrics arrive", () => Task.FromResult(
            Has("/v1/traces", "Microsoft.AspNetCore") && Has("/v1/traces", "/v1/countries/") && Has("/v1/traces", "Microsoft.Orleans") && Has("/v1/metrics", "orleans-grains")), TimeSpan.FromSeconds(60));

        // Grain call spans carry grain.id; the demo feeds BY's country grain all the time.
        Assert.True(Has("/v1/traces", "country/BY"), "no span of a call to country/BY");
        Assert.True(Has("/v1/traces", "/v1/countries/"), "no span of the API request");
        Assert.True(Has("/v1/metrics", "grid.feed.messages"));
    }
}
