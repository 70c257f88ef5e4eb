using System.Globalization;
using Grid.Bench;
using Grid.Bench.Benchmarks;
using Grid.Bench.Grains;
using Grid.Grains;
using Grid.Grains.Geography;
using Grid.Grains.Signals;
using Grid.Grains.Visibility;
using Grid.Runtime;
using Grid.Runtime.Hosting;
using Grid.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Runs every benchmark next to its reference and prints a Markdown table of rates and ratios.
// Usage: dotnet run -c Release --project bench/Grid.Bench [-- --quick] [--lab] [--only load|bgp] [--mrt FILE...]
// MRT files default to a 1M-route RIB and 1.4M update records made of real records from ../shared
// (MrtBenchmarkFiles), plus RouteViews' 2002 RIB; --lab has real BIRD write a 1M-route RIB dump and
// 1.4M UPDATEs first (root and bird2 needed; cached in /tmp/grid-bench-cache); --mrt names others.
// --only load runs just the shard load, so its peak memory is its own; --only probes just the prober
// (root needed). --only bgp runs the BGP session benchmarks alone: a real silo and BIRD daemons in a
// lab namespace (root and bird2 needed). --only api runs wrk against a real silo's GET /v1/countries/BY
// next to a bare Kestrel endpoint (wrk needed). --only streams runs the PostgreSQL stream log benchmarks;
// --only cluster the BGP replay and API rates of one silo and of three on one PostgreSQL.
var quick = args.Contains("--quick");
var only = args.SkipWhile(argument => argument != "--only").Skip(1).FirstOrDefault();
var onlyLoad = only == "load";
var onlyProbes = only == "probes";
if (only == "bgp")
{
    Console.Error.WriteLine($"Grid BGP session benchmarks on {Environment.ProcessorCount} cores, .NET {Environment.Version}{(quick ? " (quick)" : "")}");
    await Grid.Bench.Sessions.BgpSessionBenchmarks.RunAsync(quick, Console.Error);
    return;
}
if (only == "api")
{
    Console.Error.WriteLine($"Grid API benchmark on {Environment.ProcessorCount} cores, .NET {Environment.Version}{(quick ? " (quick)" : "")}");
    await Grid.Bench.Api.ApiBenchmark.RunAsync(quick, Console.Error);
    return;
}
if (only == "cluster")
{
    Console.Error.WriteLine($"Grid cluster benchmark (1 and 3 silos on PostgreSQL) on {Environment.ProcessorCount} cores, .NET {Environment.Version}{(quick ? " (quick)" : "")}");
    await Grid.Bench.Cluster.ClusterBenchmark.RunAsync(quick, Console.Error);
    return;
}
if (only == "streams")
{
    // The PostgreSQL stream log (cluster mode) against bare Npgsql; needs PostgreSQL (see Grid.Testing's PostgresServer).
    Console.Error.WriteLine($"Grid durable stream benchmarks on {Environment.ProcessorCount} cores, .NET {Environment.Version}{(quick ? " (quick)" : "")}");
    await Grid.Bench.Streams.DurableStreamBenchmarks.RunAsync(quick, Console.Out);
    return;
}

var mrtFiles = args.SkipWhile(argument => argument != "--mrt").Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
if (args.Contains("--lab"))
{
    var lab = await Grid.Testing.Lab.BenchmarkMrtCache.GetOrCreateAsync(new Grid.Testing.Lab.BenchmarkMrtSpec(), progress: Console.Error);
    mrtFiles.AddRange([lab.RibDumpFile, lab.UpdatesFile]);
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Services.AddSingleton<DeliveryTarget>();
builder.Services.AddGridRuntime().AddGrainsFromAssembly(typeof(DeliveryTarget).Assembly).AddGrainsFromAssembly(GridGrains.Assembly);
builder.Services.AddSingleton<IGeography>(BenchGeography.Load());
builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new VisibilityOptions()));
builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new SignalOptions()));
builder.Services.AddSingleton<VisibilityFanOut>();
using var host = builder.Build();
await host.StartAsync();

var grains = host.Services.GetRequiredService<IGrainFactory>();
var streams = host.Services.GetRequiredKeyedService<IStreamProvider>(StreamProviderNames.Default);
var target = host.Services.GetRequiredService<DeliveryTarget>();
var scale = quick ? 10 : 1;

Console.Error.WriteLine($"Grid benchmarks on {Environment.ProcessorCount} cores, .NET {Environment.Version}{(quick ? " (quick)" : "")}");
var probing = onlyLoad ? [] : await ProbingBenchmark.RunAsync(host.Services.GetRequiredService<IGeography>(), 65_280, TimeSpan.FromSeconds(quick ? 2 : 5));
Measurement[] runtime = onlyLoad || onlyProbes ? probing :
[
    await GrainCallBenchmark.SequentialAsync(grains, 200_000 / scale),
    await GrainCallBenchmark.ParallelAsync(grains, 10_000 / scale),
    await StreamBenchmark.ImplicitSubscriberAsync(streams, target, 500_000 / scale),
    .. await MrtBenchmark.RunAsync(mrtFiles.Count > 0 ? mrtFiles : DefaultMrtFiles(), quick ? 1 : 3),
    .. probing,
];

// The global table: ~1.0M IPv4 + 0.2M IPv6 routes per full-feed peer (DESIGN.md), 10 peers.
(Measurement Rate, double Seconds, double ReferenceSeconds, long PeakBytes)? load = onlyProbes ? null : await ShardLoadBenchmark.RunAsync(grains, new SyntheticTable(1_000_000 / scale, 200_000 / scale), peers: 10);
Measurement[] results = load is { } loaded ? [.. runtime, loaded.Rate] : runtime;

Console.WriteLine("| benchmark | Grid | reference | reference rate | Grid / reference |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var m in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {m.Name} | {m.Grid:N0} {m.Unit} | {m.ReferenceName} | {m.Reference:N0} {m.Unit} | {m.Ratio:0.00} |"));
}

Console.WriteLine();
Console.WriteLine(load is not { } shard ? "" : string.Create(CultureInfo.InvariantCulture,
    $"Shard load: {shard.Seconds:0.0} s (goal ≤ 10 s), reference {shard.ReferenceSeconds:0.0} s; peak working set of the process {shard.PeakBytes / (1024.0 * 1024 * 1024):0.00} GiB (goal ≤ 2 GiB; run --only load to see the load's own)."));
await host.StopAsync();

static IEnumerable<string> DefaultMrtFiles() =>
    MrtBenchmarkFiles.Create(Grid.Testing.Data.SharedData.SharedDirectory).Append(Grid.Testing.Data.SharedData.PathOf("mrt", "bgpdump.bview.20020722.2337.gz"));
