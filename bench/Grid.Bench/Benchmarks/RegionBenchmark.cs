using System.Diagnostics;
using System.Globalization;
using Grid.Geography;
using Grid.Geography.Regions;
using Grid.Grains.Visibility;
using Grid.Testing.Data;
using MaxMind.Db;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Bench.Benchmarks;

/// <summary>
/// What regions cost. Loading DB-IP's City Lite (both families) into the region map, against the
/// floor: MaxMind.Db walking every network of the same files and decoding the same two fields, with
/// nothing built. Then the 1.2M routes × 10 peers shard load (<see cref="ShardLoadBenchmark"/>) in fresh silos,
/// alternately with the RIR geography alone and with the regions beside it; the ratio of
/// the two times is the region split's cost, and the difference of the managed heaps after each load
/// its memory. Goals (issue 17): load ≤ 5 s, load with regions ≤ 1.3 × without, ≤ 300 MB more.
/// </summary>
internal static class RegionBenchmark
{
    public static async Task RunAsync(bool quick, TextWriter progress)
    {
        var directory = SharedData.RegionDatabaseDirectory;
        var files = RegionMapLoader.FilesAt(directory);
        var walk = Stopwatch.StartNew();
        var networks = await Task.WhenAll(files.Select(file => Task.Run(() => Walk(file))));
        walk.Stop();
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MaxMind.Db walk of {networks.Sum():N0} networks: {walk.Elapsed.TotalSeconds:0.00} s"));

        var loading = Stopwatch.StartNew();
        var regions = RegionMapLoader.Load(directory, SubdivisionNames.Load());
        loading.Stop();
        var (v4Runs, v6Runs, mapBytes) = regions.Size;
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"region map: {regions.Regions.Count:N0} regions ({regions.Regions.Count(r => r.IsIsoCode):N0} ISO-coded), {v4Runs:N0} + {v6Runs:N0} runs, {mapBytes / 1048576.0:0.0} MB, in {loading.Elapsed.TotalSeconds:0.00} s"));

        var countries = BenchGeography.Load();
        var table = new SyntheticTable(1_000_000 / (quick ? 10 : 1), 200_000 / (quick ? 10 : 1));
        // Alternated, twice each unless quick: the first load in the process also pays for the JIT,
        // and the machine's other work comes and goes; each figure is the faster of its loads.
        var runs = new List<(bool Regions, double Seconds, long HeapBytes)>();
        foreach (var withRegions in quick ? [false, true] : new[] { false, true, true, false })
        {
            var (seconds, heap) = await LoadAsync(withRegions ? new RegionalGeography(countries, regions) : countries, table, progress, withRegions ? "with regions" : "without regions");
            runs.Add((withRegions, seconds, heap));
        }

        var without = (Seconds: runs.Where(r => !r.Regions).Min(r => r.Seconds), HeapBytes: runs.Where(r => !r.Regions).Max(r => r.HeapBytes));
        var with = (Seconds: runs.Where(r => r.Regions).Min(r => r.Seconds), HeapBytes: runs.Where(r => r.Regions).Max(r => r.HeapBytes));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            | Regions | Grid | Reference | Ratio | Goal |
            |---|---:|---:|---:|---|
            | load DB-IP City Lite (v4 + v6) into the region map | {loading.Elapsed.TotalSeconds:0.00} s | MaxMind.Db walk {walk.Elapsed.TotalSeconds:0.00} s | {loading.Elapsed / walk.Elapsed:0.00} | ≤ 5 s |
            | shard load {table.Count / 1e6:0.0}M routes × 10 peers | with regions {with.Seconds:0.0} s | without {without.Seconds:0.0} s | {with.Seconds / without.Seconds:0.00} | ≤ 1.30 |
            | managed heap after the load | with regions {with.HeapBytes / 1048576.0:N0} MB | without {without.HeapBytes / 1048576.0:N0} MB | +{(with.HeapBytes - without.HeapBytes) / 1048576.0:N0} MB | ≤ +300 MB |
            """));
    }

    private static long Walk(string file)
    {
        using var reader = new Reader(file, FileAccessMode.Memory);
        long count = 0;
        foreach (var node in reader.FindAll<DbIpPlace>(cacheSize: 1 << 16))
        {
            count += node.Data?.State1 is null ? 0 : 1;
        }

        return count;
    }

    private static async Task<(double Seconds, long HeapBytes)> LoadAsync(IGeography geography, SyntheticTable table, TextWriter progress, string label)
    {
        await using var silo = await BenchSilo.StartAsync(geography);
        progress.WriteLine($"shard load {label}:");
        var load = await ShardLoadBenchmark.RunAsync(silo.Grains, silo.Services.GetRequiredService<VisibilityCourier>(), table, peers: 10);
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label}: {load.Seconds:0.0} s, managed heap {heap / 1048576.0:N0} MB"));
        return (load.Seconds, heap);
    }
}
