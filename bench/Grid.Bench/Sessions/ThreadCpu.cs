using System.Globalization;

namespace Grid.Bench.Sessions;

/// <summary>
/// CPU time a process's threads have used, summed by thread name (/proc/PID/task/*/stat, utime +
/// stime): a poor man's profile where no profiler runs, enough to tell the garbage collector's
/// threads from the thread pool's. Two snapshots subtract to what a phase cost.
/// </summary>
internal sealed class ThreadCpu(IReadOnlyDictionary<string, double> seconds)
{
    // USER_HZ: 100 on every Linux the lab runs on.
    private const double TicksPerSecond = 100;

    public IReadOnlyDictionary<string, double> Seconds { get; } = seconds;

    public double Total => Seconds.Values.Sum();

    public static ThreadCpu Of(int pid)
    {
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(task, "stat"));
            }
            catch (IOException)
            {
                continue; // the thread ended
            }
            // "tid (name) state ppid ..." – the name may hold spaces, so split after the last ')'.
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var name = stat[(open + 1)..close];
            var fields = stat[(close + 2)..].Split(' ');
            // Fields 14 and 15 of stat(5) are utime and stime; fields[0] here is field 3 (state).
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            seconds[name] = seconds.GetValueOrDefault(name) + ticks / TicksPerSecond;
        }
        return new ThreadCpu(seconds);
    }

    public ThreadCpu Minus(ThreadCpu earlier) => new(Seconds.ToDictionary(
        pair => pair.Key, pair => pair.Value - earlier.Seconds.GetValueOrDefault(pair.Key), StringComparer.Ordinal));

    /// <summary>e.g. "9.1 CPU-s: .NET TP Worker 6.0, .NET Server GC 2.5, …".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Total:0.0} CPU-s: {string.Join(", ", Seconds.Where(p => p.Value >= 0.05).OrderByDescending(p => p.Value).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:0.0}")))}");
}
