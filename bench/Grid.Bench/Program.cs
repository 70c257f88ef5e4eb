using System.Globalization;
using Grid.Bench;
using Grid.Bench.Benchmarks;
using Grid.Bench.Grains;
using Grid.Geography;
using Grid.Grains.Visibility;
using Microsoft.Extensions.DependencyInjection;

// Runs every benchmark next to its reference and prints a Markdown table of rates and ratios.
// Usage: dotnet run -c Release --project bench/Grid.Bench [-- --quick] [--lab] [--only NAME] [--mrt FILE...]
// The default run: Orleans grain calls and memory streams in an in-process silo, MRT decode next to
// bgpdump, the 2002 RIB replayed in process, the prober (root needed) and the shard load.
// MRT files default to a 1M-route RIB and 1.4M update records made of real records from ../shared
// (MrtBenchmarkFiles), plus RouteViews' 2002 RIB; --lab has real BIRD write a 1M-route RIB dump and
// 1.4M UPDATEs first (root and bird2 needed; cached in /tmp/grid-bench-cache); --mrt names others.
// --only NAME runs one benchmark alone:
//   load      the shard load, so its peak memory is its own
//   probes    the prober (root needed)
//   replay    RouteViews' 2002 RIB replayed in process next to bgpdump -m
//   bgp       the BGP session benchmarks: a real silo and BIRD daemons in a lab namespace (root, bird2)
//   api       wrk against a real silo's GET /v1/countries/BY next to a bare Kestrel endpoint (wrk);
//             --set Key=Value passes a silo setting, to diagnose (e.g. Grid:Dashboard:Enabled=false)
//   streams   Orleans' ADO.NET streams on PostgreSQL next to bare Npgsql INSERT/NOTIFY
//   cluster   the 2002 RIB replay and API rates of one local silo and of three on PostgreSQL
//   failover  kill -9 of the silo holding a country grain, until a survivor answers for it
//   backtest  Grid's backtest over a synthetic year of hourly points for 250 entities next to a plain median loop
//   regions   DB-IP City Lite into the region map next to a bare MaxMind.Db walk; the shard load with and without regions
//   evidence  sealing a 2,000-prefix outage's evidence bundle next to packing the same parts alone
//   console   the web console's first view of ~240 countries in Debian's chromium next to HttpClient fetching the same URLs
// PostgreSQL: GRID_TEST_POSTGRES names a server where the role may create databases (else a
// throw-away instance is started from the PostgreSQL binaries); databases are named bench_*.
var quick = args.Contains("--quick");
var only = args.SkipWhile(argument => argument != "--only").Skip(1).FirstOrDefault();
var onlyLoad = only == "load";
var onlyProbes = only == "probes";
var onlyReplay = only == "replay";
var cores = $"{Environment.ProcessorCount} cores, .NET {Environment.Version}{(quick ? " (quick)" : "")}";
switch (only)
{
    case "bgp":
        Console.Error.WriteLine($"Grid BGP session benchmarks on {cores}");
        await Grid.Bench.Sessions.BgpSessionBenchmarks.RunAsync(quick, Console.Error);
        return;
    case "api":
        Console.Error.WriteLine($"Grid API benchmark on {cores}");
        await Grid.Bench.Api.ApiBenchmark.RunAsync(quick, Console.Error, SiloSettings(args));
        return;
    case "cluster":
        Console.Error.WriteLine($"Grid cluster benchmark (1 local silo, 3 silos on PostgreSQL) on {cores}");
        await Grid.Bench.Cluster.ClusterBenchmark.RunAsync(quick, Console.Error);
        return;
    case "failover":
        Console.Error.WriteLine($"Grid failover benchmark (3 silos on PostgreSQL) on {cores}");
        await Grid.Bench.Cluster.FailoverBenchmark.RunAsync(quick, Console.Error);
        return;
    case "streams":
        Console.Error.WriteLine($"Grid ADO.NET stream benchmarks on {cores}");
        await Grid.Bench.Streams.AdoNetStreamBenchmarks.RunAsync(quick, Console.Error);
        return;
    case "backtest":
        Console.Error.WriteLine($"Grid backtest benchmark on {cores}");
        await BacktestBenchmark.RunAsync(quick, Console.Error);
        return;
    case "regions":
        Console.Error.WriteLine($"Grid region benchmark on {cores}");
        await RegionBenchmark.RunAsync(quick, Console.Error);
        return;
    case "evidence":
        Console.Error.WriteLine($"Grid evidence benchmark on {cores}");
        await Grid.Bench.Evidence.SealBenchmark.RunAsync(quick, Console.Error);
        return;
    case "console":
        Console.Error.WriteLine($"Grid console benchmark on {cores}");
        await Grid.Bench.WebConsole.ConsoleBenchmark.RunAsync(quick, Console.Error);
        return;
    case null or "load" or "probes" or "replay":
        break;
    default:
        Console.Error.WriteLine($"unknown benchmark '{only}': use load, probes, replay, bgp, api, streams, cluster, failover, backtest, regions, evidence or console");
        Environment.ExitCode = 2;
        return;
}

var mrtFiles = args.SkipWhile(argument => argument != "--mrt").Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
if (args.Contains("--lab"))
{
    var lab = await Grid.Testing.Lab.BenchmarkMrtCache.GetOrCreateAsync(new Grid.Testing.Lab.BenchmarkMrtSpec(), progress: Console.Error);
    mrtFiles.AddRange([lab.RibDumpFile, lab.UpdatesFile]);
}

var geography = BenchGeography.Load();
var rib2002 = Grid.Testing.Data.SharedData.PathOf("mrt", "bgpdump.bview.20020722.2337.gz");
Console.Error.WriteLine($"Grid benchmarks on {cores}");
var scale = quick ? 10 : 1;

// Each replay round starts a silo of its own, so it goes first, alone.
var replay = onlyLoad || onlyProbes ? null : await ReplayBenchmark.RunAsync(rib2002, geography, quick ? 1 : 3, Console.Error);
if (onlyReplay)
{
    PrintTable(replay is { } r ? [r.Rate] : []);
    Console.WriteLine(replay is not { } replayed ? "" : string.Create(CultureInfo.InvariantCulture,
        $"Replay in process: {replayed.Rate.Grid:N0} elements/s, {replayed.Elements:N0} elements in {replayed.Seconds:0.0} s (goal ≥ {ReplayBenchmark.Goal:N0}/s: {(replayed.Rate.Grid >= ReplayBenchmark.Goal ? "met" : "missed")})."));
    return;
}

await using var silo = await BenchSilo.StartAsync(geography);
var grains = silo.Grains;
var client = silo.Services.GetRequiredService<IClusterClient>();
var target = silo.Services.GetRequiredService<DeliveryTarget>();
var probing = onlyLoad ? [] : await ProbingBenchmark.RunAsync(grains, 65_280, TimeSpan.FromSeconds(quick ? 2 : 5));
Measurement[] runtime = onlyLoad || onlyProbes ? probing :
[
    Done(await GrainCallBenchmark.SequentialAsync(grains, 200_000 / scale)),
    Done(await GrainCallBenchmark.ParallelAsync(grains, 10_000 / scale)),
    Done(await StreamBenchmark.ImplicitSubscriberAsync(client, target, 100_000 / scale)),
    .. (await MrtBenchmark.RunAsync(mrtFiles.Count > 0 ? mrtFiles : DefaultMrtFiles(), quick ? 1 : 3)).Select(Done),
    .. replay is { } replayRate ? [replayRate.Rate] : Array.Empty<Measurement>(),
    .. probing,
];

// The global table: ~1.0M IPv4 + 0.2M IPv6 routes per full-feed peer (DESIGN.md), 10 peers.
Console.Error.WriteLine(onlyProbes ? "" : "shard load: building the table and loading it (this takes a while)");
(Measurement Rate, double Seconds, double ReferenceSeconds, long PeakBytes)? load = onlyProbes ? null : await ShardLoadBenchmark.RunAsync(grains, silo.Services.GetRequiredService<VisibilityCourier>(), new SyntheticTable(1_000_000 / scale, 200_000 / scale), peers: 10);
Measurement[] results = load is { } loaded ? [.. runtime, loaded.Rate] : runtime;

PrintTable(results);

Console.WriteLine();
Console.WriteLine(load is not { } shard ? "" : string.Create(CultureInfo.InvariantCulture,
    $"Shard load: {shard.Seconds:0.0} s (goal ≤ 6 s), reference {shard.ReferenceSeconds:0.0} s; peak working set of the process {shard.PeakBytes / (1024.0 * 1024 * 1024):0.00} GiB (goal ≤ 1.5 GiB; run --only load to see the load's own)."));

// `--set Key=Value` (repeatable): a silo setting for the API benchmark, to diagnose a figure; not for the README's figures.
static Dictionary<string, string> SiloSettings(string[] args) => args
    .Select((argument, i) => argument == "--set" && i + 1 < args.Length ? args[i + 1] : null)
    .OfType<string>()
    .Select(pair => pair.Split('=', 2))
    .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "", StringComparer.Ordinal);

// Progress on stderr as each benchmark finishes; the table goes to stdout at the end.
static Measurement Done(Measurement m)
{
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m.Name}: {m.Grid:N0} {m.Unit}, {m.ReferenceName} {m.Reference:N0} {m.Unit} ({m.Ratio:0.000})"));
    return m;
}

static void PrintTable(IEnumerable<Measurement> results)
{
    Console.WriteLine("| benchmark | Grid | reference | reference rate | Grid / reference |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (var m in results)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {m.Name} | {m.Grid:N0} {m.Unit} | {m.ReferenceName} | {m.Reference:N0} {m.Unit} | {m.Ratio:0.00##} |"));
    }
}

static IEnumerable<string> DefaultMrtFiles() =>
    MrtBenchmarkFiles.Create(Grid.Testing.Data.SharedData.SharedDirectory).Append(Grid.Testing.Data.SharedData.PathOf("mrt", "bgpdump.bview.20020722.2337.gz"));
