using System.Diagnostics;
using Grid.Bgp.Mrt;

namespace Grid.Bench.Benchmarks;

/// <summary>
/// MRT records per second, next to bgpdump 1.6 (`bgpdump -m FILE`, output discarded) on the same
/// file in the same run: Grid's structured decode in process (<see cref="MrtReader"/>), and
/// `grid mrt dump -m` as a process, like bgpdump (start-up included).
/// </summary>
public static class MrtBenchmark
{
    public static async Task<IReadOnlyList<Measurement>> RunAsync(IEnumerable<string> files, int rounds)
    {
        var bgpdump = FindOnPath("bgpdump");
        var grid = Path.Combine(AppContext.BaseDirectory, "grid");
        var results = new List<Measurement>();
        if (bgpdump is null)
        {
            Console.Error.WriteLine("MRT benchmarks skipped: bgpdump is not installed (apt-get install bgpdump, or sudo bash .ci/run)");
            return results;
        }
        foreach (var file in files)
        {
            Console.Error.WriteLine($"MRT decode: {Path.GetFileName(file)} next to bgpdump -m, {rounds} rounds each");
            var records = Decode(file);
            var megabytesPerRecord = new FileInfo(file).Length / 1e6 / records;
            var name = Path.GetFileName(file);
            var reference = await Measurement.MedianRateAsync(() => Discarding(bgpdump, file, records, "-m"), rounds);
            var decode = await Measurement.MedianRateAsync(() => Task.FromResult(Decode(file)), rounds);
            var dump = await Measurement.MedianRateAsync(() => Discarding(grid, file, records, "mrt", "dump", "-m"), rounds);
            var rates = $"{decode * megabytesPerRecord:0} MB/s vs {reference * megabytesPerRecord:0} MB/s";
            results.Add(new Measurement($"MRT decode, {name} ({rates})", "records/s", decode, "bgpdump -m", reference));
            results.Add(new Measurement($"MRT text (grid mrt dump -m), {name} ({dump * megabytesPerRecord:0} MB/s)", "records/s", dump, "bgpdump -m", reference));
        }
        return results;
    }

    /// <summary>Reads every record as the visibility feed does; returns how many there were.</summary>
    private static long Decode(string file)
    {
        using var reader = MrtReader.Open(file);
        while (reader.Read())
        {
        }
        return reader.RecordCounts.Total;
    }

    /// <summary>Runs a decoder with its output going to /dev/null, as a shell would; returns the records it read.</summary>
    private static async Task<long> Discarding(string program, string file, long records, params string[] options)
    {
        await DiscardingAsync(program, file, options);
        return records;
    }

    /// <summary>Runs <paramref name="program"/> on <paramref name="file"/> with its output going to /dev/null.</summary>
    public static async Task DiscardingAsync(string program, string file, params string[] options)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in new[] { "-c", "exec \"$0\" \"$@\" > /dev/null 2>&1", program }.Concat(options).Append(file))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
    }

    public static string? FindOnPath(string program) => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator).Select(directory => Path.Combine(directory, program)).FirstOrDefault(File.Exists);
}
