using System.Diagnostics;
using System.Globalization;
using Grid.Testing.Data;
using Grid.Testing.Postgres;
using Grid.Testing.Silo;

namespace Grid.Bench.Cluster;

/// <summary>
/// <c>--only failover</c>: three silos on PostgreSQL; a country grain (<see cref="Country"/>) is
/// activated through the API, the silo that holds it (its <c>/v1/cluster</c> "holds") is killed
/// with SIGKILL, and a survivor's <c>GET /v1/countries/{cc}</c> is polled until it answers 200 and a
/// survivor holds the grain. Each round then starts a silo in the dead one's place, waits for the
/// cluster of three, and kills the grain's new holder. Membership settings are set explicitly
/// (<see cref="ProbeTimeout"/>, <see cref="MissedProbes"/>: GridClusterOptions' defaults).
/// </summary>
internal static class FailoverBenchmark
{
    private const string Country = "BY";
    private static readonly TimeSpan Goal = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    private const int MissedProbes = 2;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task RunAsync(bool quick, TextWriter progress)
    {
        var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        try
        {
            var database = await postgres.CreateDatabaseAsync("bench_failover");
            await using var cluster = await SiloCluster.StartAsync(database, 3, new Dictionary<string, string?>
            {
                ["Grid__Feeds__RisLive__Enabled"] = "false",
                ["Grid__Geo__Dir"] = SharedData.PathOf("rir"),
                ["Grid__RateLimits__Enabled"] = "false",
                ["Grid__Cluster__ProbeTimeout"] = ProbeTimeout.ToString("c", CultureInfo.InvariantCulture),
                ["Grid__Cluster__MissedProbes"] = MissedProbes.ToString(CultureInfo.InvariantCulture),
                ["Logging__LogLevel__Default"] = "Warning",
            });
            await cluster.WaitUntilFormedAsync(TimeSpan.FromSeconds(60));
            var rounds = quick ? 1 : 3;
            var samples = new List<(TimeSpan Answered, TimeSpan Held)>();
            for (var round = 0; round < rounds; round++)
            {
                if (cluster.Running.Count() < 3)
                {
                    await cluster.AddSiloAsync();
                    await cluster.WaitUntilFormedAsync(TimeSpan.FromSeconds(60));
                }

                var sample = await KillHolderAsync(cluster, progress, round + 1);
                samples.Add(sample);
            }

            var answered = samples.Select(s => s.Answered).Order().ToList();
            var worst = answered[^1];
            Console.WriteLine("| failover (3 silos on PostgreSQL, kill -9 of the grain's silo) | rounds | median | worst | goal |");
            Console.WriteLine("|---|---|---|---|---|");
            Console.WriteLine(Invariant($"| GET /v1/countries/{Country} answers 200 on a survivor | {samples.Count} | {Seconds(answered[answered.Count / 2])} | {Seconds(worst)} | ≤ {Seconds(Goal)}: {(worst <= Goal ? "met" : "missed")} |"));
            var held = samples.Select(s => s.Held).Order().ToList();
            Console.WriteLine(Invariant($"| a survivor's /v1/cluster holds {Country} | {samples.Count} | {Seconds(held[held.Count / 2])} | {Seconds(held[^1])} | |"));
            Console.WriteLine();
            Console.WriteLine(Invariant($"Membership: Grid:Cluster:ProbeTimeout {ProbeTimeout.TotalSeconds:0} s, MissedProbes {MissedProbes} (Orleans ClusterMembershipOptions.ProbeTimeout, NumMissedProbesLimit; IAmAliveTablePublishTimeout 10 s; the rest Orleans' defaults). Rounds: {string.Join(", ", answered.Select(Seconds))}."));
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    /// <summary>Activates the country grain, kills its silo, and times a survivor's first answer and its holding the grain.</summary>
    private static async Task<(TimeSpan Answered, TimeSpan Held)> KillHolderAsync(SiloCluster cluster, TextWriter progress, int round)
    {
        var silos = cluster.Running.ToList();
        using (var response = await silos[0].Http.GetAsync($"/v1/countries/{Country}"))
        {
            response.EnsureSuccessStatusCode();
        }

        SiloProcess? holder = null;
        foreach (var silo in silos)
        {
            if (await HoldsAsync(silo))
            {
                holder = silo;
            }
        }

        if (holder is null)
        {
            throw new InvalidOperationException($"No silo's /v1/cluster says it holds {Country} after a GET:\n{cluster.Logs()}");
        }

        var survivors = silos.Where(s => s != holder).ToList();
        progress.WriteLine($"failover round {round}: {cluster.IdOf(holder)} holds {Country}; kill -9");
        var clock = Stopwatch.StartNew();
        holder.Kill();
        TimeSpan? answered = null;
        TimeSpan? held = null;
        var attempts = 0;
        using var http = new HttpClient { BaseAddress = survivors[0].BaseAddress, Timeout = TimeSpan.FromSeconds(1) };
        while ((answered is null || held is null) && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (answered is null)
            {
                attempts++;
                try
                {
                    using var response = await http.GetAsync($"/v1/countries/{Country}");
                    answered = response.IsSuccessStatusCode ? clock.Elapsed : null;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // The call waited on the dead silo: try again.
                }
            }
            else
            {
                foreach (var survivor in survivors)
                {
                    if (held is null && await HoldsAsync(survivor))
                    {
                        held = clock.Elapsed;
                    }
                }
            }

            await Task.Delay(PollInterval);
        }

        if (answered is null || held is null)
        {
            throw new TimeoutException($"{Country} did not answer on a survivor within 2 minutes of the kill:\n{cluster.Logs()}");
        }

        progress.WriteLine(Invariant($"failover round {round}: {Country} answered on {cluster.IdOf(survivors[0])} after {Seconds(answered.Value)} ({attempts} attempts, 1 s timeout each), held by a survivor at {Seconds(held.Value)}"));
        return (answered.Value, held.Value);
    }

    private static async Task<bool> HoldsAsync(SiloProcess silo)
    {
        var view = await SiloCluster.ViewAsync(silo);
        return view.GetProperty("holds").GetProperty("country").EnumerateArray().Any(c => c.GetString() == Country);
    }

    private static string Seconds(TimeSpan t) => Invariant($"{t.TotalSeconds:0.00} s");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
