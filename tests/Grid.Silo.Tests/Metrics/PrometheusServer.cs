using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Testing.Data;
using Grid.Testing.Processes;

namespace Grid.Silo.Tests.Metrics;

/// <summary>
/// A real Prometheus (Debian's /usr/bin/prometheus) on a free loopback port, scraping one target
/// every second and evaluating Grid's rules every second, with its TSDB in a temporary directory.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TemporaryDirectory _directory;

    private PrometheusServer(Process process, TemporaryDirectory directory, Uri baseAddress)
    {
        _process = process;
        _directory = directory;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Http { get; }

    /// <summary>Starts Prometheus scraping <paramref name="target"/> (host:port), with <paramref name="staticLabels"/> on every series.</summary>
    public static async Task<PrometheusServer> StartAsync(string target, string rulesFile, IReadOnlyDictionary<string, string> staticLabels)
    {
        var directory = new TemporaryDirectory("grid-prometheus-");
        var labels = "{" + string.Join(", ", staticLabels.Select(l => $"{l.Key}: \"{l.Value}\"")) + "}";
        var config = directory.PathOf("prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - "{rulesFile}"
            scrape_configs:
              - job_name: grid
                static_configs:
                  - targets: ["{target}"]
                    labels: {labels}
            """);
        var port = LoopbackPort.FindFree();
        var start = new ProcessStartInfo("prometheus")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { $"--config.file={config}", $"--storage.tsdb.path={directory.PathOf("data")}", $"--web.listen-address=127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start: install Debian's prometheus package (.ci/run does).");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port}"));
        await Poll.UntilAsync("Prometheus is ready", async () =>
        {
            try
            {
                return (await server.Http.GetAsync("/-/ready")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30));
        return server;
    }

    /// <summary>An instant query through <c>/api/v1/query</c>: its status and the number of results (vector or matrix series, or 1 for a scalar).</summary>
    public async Task<(string Status, int Results, string Body)> QueryAsync(string promql)
    {
        using var response = await Http.PostAsync("/api/v1/query", new FormUrlEncodedContent([new("query", promql)]));
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        var status = json.RootElement.GetProperty("status").GetString() ?? "";
        if (status != "success")
        {
            return (status, 0, body);
        }

        var data = json.RootElement.GetProperty("data");
        var results = data.GetProperty("resultType").GetString() is "scalar" or "string" ? 1 : data.GetProperty("result").GetArrayLength();
        return (status, results, body);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _directory.Dispose();
    }
}
