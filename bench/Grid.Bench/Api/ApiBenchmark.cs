using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Grid.Bench.References;
using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Bench.Api;

/// <summary>
/// <c>--only api</c>: wrk (<c>-t2 -c64 --latency</c>) against a real silo's
/// <c>GET /v1/countries/BY</c> (<c>--demo</c>, so BY has a real status; rate limits off, logging at
/// Warning) and against <see cref="BareKestrelEndpoint"/> serving the silo's own body, in the same
/// run, alternately. Silo, reference and wrk share the machine's cores: the ratio is the fair figure,
/// and CPU time per request (each server's own process time over its requests) the one least moved
/// by other load on the machine.
/// </summary>
internal static class ApiBenchmark
{
    private const string Path = "/v1/countries/BY";
    private const double RatioGoal = 0.70;
    private static readonly TimeSpan P99Goal = TimeSpan.FromMilliseconds(10);

    /// <param name="settings">Extra silo settings (<c>--set Key=Value</c>, e.g. <c>Grid:Dashboard:Enabled=false</c>), for diagnosis; printed with the result.</param>
    public static async Task RunAsync(bool quick, TextWriter progress, IReadOnlyDictionary<string, string>? settings = null)
    {
        RequireOptimizedBuild();
        var duration = quick ? 3 : 10;
        var rounds = quick ? 1 : 3;
        var environment = new Dictionary<string, string?>
        {
            // A shell's Development would turn on the developer exception page and Development settings.
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Grid__RateLimits__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            progress.WriteLine($"api: silo setting {key}={value} (not the default)");
        }

        await using var silo = await SiloProcess.StartAsync(["--demo"], environment);
        var body = await StatusBodyAsync(silo);
        await using var bare = await BareKestrelEndpoint.StartAsync(body);
        progress.WriteLine($"api: silo at {silo.BaseAddress} (pid {silo.Id}), bare Kestrel at {bare.BaseAddress}; body {body.Length} bytes; {rounds} rounds of {duration} s each, alternating");

        // A full-length run each first: tiered compilation and dynamic PGO take several seconds under load.
        await WrkAsync(new Uri(silo.BaseAddress, Path), duration);
        await WrkAsync(new Uri(bare.BaseAddress, Path), duration);
        using var siloProcess = Process.GetProcessById(silo.Id);
        using var benchProcess = Process.GetCurrentProcess();
        var siloRuns = new List<WrkResult>();
        var bareRuns = new List<WrkResult>();
        var siloCpus = new List<TimeSpan>();
        var bareCpus = new List<TimeSpan>();
        for (var round = 0; round < rounds; round++)
        {
            var (siloRun, siloUsed) = await MeasureAsync(siloProcess, new Uri(silo.BaseAddress, Path), duration);
            var (bareRun, bareUsed) = await MeasureAsync(benchProcess, new Uri(bare.BaseAddress, Path), duration);
            siloRuns.Add(siloRun);
            bareRuns.Add(bareRun);
            siloCpus.Add(siloUsed / siloRun.Requests);
            bareCpus.Add(bareUsed / bareRun.Requests);
            progress.WriteLine(Invariant($"api round {round + 1}: silo {siloRun.RequestsPerSecond:N0} req/s p99 {Ms(siloRun.P99)}, {Us(siloUsed / siloRun.Requests)} CPU/request; bare {bareRun.RequestsPerSecond:N0} req/s p99 {Ms(bareRun.P99)}, {Us(bareUsed / bareRun.Requests)} CPU/request"));
        }

        var siloCpu = siloCpus.Order().ElementAt(rounds / 2);
        var bareCpu = bareCpus.Order().ElementAt(rounds / 2);
        var g = Median(siloRuns);
        var r = Median(bareRuns);
        Console.WriteLine("| API benchmark (wrk -t2 -c64, loopback) | requests/s | p50 | p99 | CPU per request (median) | non-2xx | socket errors |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Row($"silo GET {Path} (median of {rounds} × {duration} s)", g, siloCpu);
        Row($"bare Kestrel, same body, same run", r, bareCpu);
        Console.WriteLine();
        var ratio = g.RequestsPerSecond / r.RequestsPerSecond;
        Console.WriteLine(Invariant($"Silo / bare: {ratio:P0} (goal ≥ {RatioGoal:P0}: {Met(ratio >= RatioGoal)}); silo {g.RequestsPerSecond:N0} req/s; silo p99 {Ms(g.P99)} (goal ≤ {Ms(P99Goal)}: {Met(g.P99 <= P99Goal)})."));
        Console.WriteLine(Invariant($"CPU per request, silo / bare: {siloCpu / bareCpu:0.00}×. {Environment.ProcessorCount} cores shared by wrk, the silo and the bare endpoint (and whatever else runs on the machine: load average {LoadAverage()} at the end)."));
    }

    /// <summary>
    /// The silo runs from the bench's own output, built in the bench's configuration: a Debug build
    /// runs without the JIT's optimizations and measures something no deployment runs.
    /// </summary>
    private static void RequireOptimizedBuild()
    {
        foreach (var assembly in new[] { typeof(Grid.Silo.Api.GridApi).Assembly, typeof(ApiBenchmark).Assembly })
        {
            if (assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true)
            {
                throw new InvalidOperationException($"{assembly.GetName().Name} is a Debug build: run the API benchmark as `dotnet run -c Release --project bench/Grid.Bench -- --only api`.");
            }
        }
    }

    /// <summary>The demo's BY once it has data: the body both servers then answer with.</summary>
    private static async Task<byte[]> StatusBodyAsync(SiloProcess silo)
    {
        byte[] body = [];
        await Poll.UntilAsync("the demo silo has BY's status", async () =>
        {
            body = await silo.Http.GetByteArrayAsync(Path);
            using var status = JsonDocument.Parse(body);
            return status.RootElement.GetProperty("hasData").GetBoolean();
        }, TimeSpan.FromSeconds(60));
        return body;
    }

    /// <summary>One wrk run, and the CPU time <paramref name="server"/> spent meanwhile (user and kernel).</summary>
    private static async Task<(WrkResult Run, TimeSpan Cpu)> MeasureAsync(Process server, Uri url, int seconds)
    {
        server.Refresh();
        var before = server.TotalProcessorTime;
        var run = await WrkAsync(url, seconds);
        server.Refresh();
        return (run, server.TotalProcessorTime - before);
    }

    private static Task<WrkResult> WrkAsync(Uri url, int seconds) => Wrk.RunAsync(url, connections: 64, seconds);

    private static WrkResult Median(List<WrkResult> runs) => runs.OrderBy(r => r.RequestsPerSecond).ElementAt(runs.Count / 2);

    private static void Row(string name, WrkResult r, TimeSpan cpu) =>
        Console.WriteLine(Invariant($"| {name} | {r.RequestsPerSecond:N0} | {Ms(r.P50)} | {Ms(r.P99)} | {Us(cpu)} | {r.Non2xx:N0} | {r.SocketErrors:N0} |"));

    private static string Us(TimeSpan t) => Invariant($"{t.TotalMicroseconds:0} µs");

    private static string Ms(TimeSpan t) => Invariant($"{t.TotalMilliseconds:0.00} ms");

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static string Met(bool met) => met ? "met" : "missed";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
