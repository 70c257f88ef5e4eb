using System.Globalization;
using Grid.Silo.Tests.Oracle;
using Grid.Testing.Data;
using Grid.Testing.Postgres;
using Grid.Testing.Processes;
using Grid.Testing.Silo;
using Xunit.Abstractions;

namespace Grid.Silo.Tests.Cluster;

/// <summary>
/// Issue 15's crash during replay: three real silos on one PostgreSQL replay a real RIS RIB (rrc00,
/// 2002-07-22 23:37) and then, paced, the same collector's updates. While the updates run, the silo
/// holding a country's grain is killed with SIGKILL just before the country's last change. The
/// country must end at exactly the count the files give, as an oracle computes it from
/// <c>grid mrt dump -m</c> with code of its own, and so must every other country.
/// </summary>
/// <remarks>
/// The victim is a silo other than the collector whenever placement allows: the collector's prefix
/// shards and replay stay up, and what the kill tests is the path from the shards to an entity whose
/// silo died. The report of the country's last change goes to a silo that is dead but not yet known
/// to be, so only the shards' resending it (or the country's next activation reading its shards)
/// can bring the final count, which differs from every count the grain held at the kill
/// (<see cref="ReplayCrashPlan"/> picks the moment and the country, preferably one the updates
/// change for good). Entities write their state every second, so what a new activation finds
/// stored is what the dead one held: a lost report would show.
/// Country grains are placed at random, and the replay starts on the first silo before the others
/// join, so the test waits until the activation rebalancer has put a candidate on another silo at
/// its moment. If the last moment passes first, the test kills the collector, holder of a
/// candidate or else of its largest country: the routing lease moves to a survivor, which replays
/// both files again under a new epoch, and the counts must end exact all the same. The output says
/// which of the two ran.
/// </remarks>
[Collection(RunAlone.Name)]
public sealed class ClusterReplayCrashTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    // The RIB's one full-feed peer (AS1853, 113k prefixes) is the only peer above this, and stays so
    // through the updates (the oracle checks); every other peer holds at most a few thousand.
    private const int FullFeedIPv4 = 10_000;
    // 892 s of recorded updates in about 180 s: time to find the holder and kill it mid-replay. At 8×
    // (110 s) a fresh CI run of 2026-12-05 saw the replay finish before the three silos, loaded by
    // it, had answered one usable poll.
    private const double Speed = 5;
    // A country worth watching: at least this many /24s after the RIB.
    private const long DecentCount = 100;
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(5);

    private static readonly string Rib = SharedData.PathOf("mrt", "bgpdump.bview.20020722.2337.gz");
    private static readonly string Updates = SharedData.PathOf("mrt", "bgpdump.updates.20020722.2238.gz");
    private static readonly string Geography = SharedData.PathOf("rir", "ipverse-prefix-country.csv");

    [Fact]
    public async Task CountryEndsAtTheFilesCountWhenItsSiloIsKilledDuringTheReplay()
    {
        var oracle = Task.Run(async () =>
        {
            var timer = System.Diagnostics.Stopwatch.StartNew();
            var replay = ReplayedVisibility.Replay(await GridMrtDump.LinesAsync(Rib), await GridMrtDump.LinesAsync(Updates), FullFeedIPv4);
            return (Replay: replay, Timelines: CountryTimelines.Of(replay, CountryMap.ReadCsv(Geography)), timer.Elapsed);
        });

        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The silos read the same one file the oracle reads, so both split prefixes by the same blocks.
        using var geography = new TemporaryDirectory("grid-crash-geo-");
        geography.Link(Geography);
        var database = await postgres.CreateDatabaseAsync("crash");
        await using var cluster = await SiloCluster.StartAsync(database, 3, Environment(geography.Path));
        try
        {
            await cluster.WaitUntilFormedAsync(Wait);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"The cluster did not form: {ex.Message}\n{Logs(cluster)}", ex);
        }

        output.WriteLine($"{clock.Elapsed.TotalSeconds:0} s: the cluster formed");
        var (replay, timelines, computed) = await oracle;
        output.WriteLine($"oracle ({computed.TotalSeconds:0.0} s): {replay.Routes:N0} routes ({replay.RibRoutes:N0} in the RIB), full-feed {string.Join(", ", replay.FullFeedPeers)}, {replay.Changes.Count} visibility changes in the updates");

        var kill = await KillHolderMidReplayAsync(cluster, replay, timelines);
        var country = kill.Country.Country;
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0} s: killed {cluster.IdOf(kill.Victim)}, holder of {country}{(kill.OfCollector ? " and the collector (the moment for another silo passed): the replay starts over on a survivor" : $", not the collector ({cluster.IdOf(kill.Collector)})")}, "
            + $"with the replay at {kill.Position:u}; countries [candidates] held per silo: {kill.Spread}; {country}: {kill.Country.AfterRib} after the RIB, then "
            + string.Join(", ", kill.Country.Changes.Select(c => $"{c.Count} at {c.At:HH:mm:ss}")));

        // The collector now: the same silo, or the survivor that took the routing lease over.
        SiloProcess? collector = null;
        await UntilAsync(cluster, country, "the replay finished", async () =>
        {
            (collector, var feed) = await ReplayClusterReads.CollectorAsync(cluster);
            Assert.True(feed?.State != "failed", $"the replay failed after the kill\n{Logs(cluster)}");
            return feed?.State == "finished";
        });
        Assert.Equal(replay.Routes, (await ReplayClusterReads.MrtFeedAsync(collector!))!.Elements);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0} s: the replay finished on {cluster.IdOf(collector!)}");

        var expected = kill.Country.Final;
        await UntilAsync(cluster, country, $"{country} shows the files' {expected} /24s", async () => await ReplayClusterReads.BgpValueAsync(collector!, country) == expected);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0} s: {country} ends at {expected} /24s; now held by {await ReplayClusterReads.HolderAsync(cluster, country)}; "
            + $"{collector!.Output.Count(l => l.Contains("did not arrive", StringComparison.Ordinal))} shards warned of reports that did not arrive");

        // Every country the victim held went through the same; all must end where the files put them.
        var mismatches = "";
        await UntilAsync(cluster, country, "every country shows the files' count", async () =>
        {
            var shown = await ReplayClusterReads.AllBgpValuesAsync(collector!);
            mismatches = string.Join(", ", shown.Keys.Union(timelines.Countries.Keys)
                .Where(c => c != "ZZ" && shown.GetValueOrDefault(c) != timelines.Final(c))
                .Select(c => $"{c} {shown.GetValueOrDefault(c)} (files: {timelines.Final(c)})"));
            return mismatches.Length == 0;
        }, () => $"countries off: {mismatches}");
    }

    private static Dictionary<string, string?> Environment(string geography) => new()
    {
        ["Grid__Geo__Dir"] = geography,
        ["Grid__Feeds__RisLive__Enabled"] = "false",
        ["Grid__RateLimits__Enabled"] = "false",
        // An entity's state is written each step it changed: each second here, so a country's new
        // activation finds stored what the dead one held, and a lost report would show.
        ["Grid__Signals__Step"] = "00:00:01",
        ["Grid__Visibility__FullFeedIPv4Prefixes"] = FullFeedIPv4.ToString(CultureInfo.InvariantCulture),
        ["Grid__Feeds__Mrt__Files__0"] = Rib,
        ["Grid__Feeds__Mrt__Files__1"] = Updates,
        ["Grid__Feeds__Mrt__Speed"] = Speed.ToString(CultureInfo.InvariantCulture),
        // The test follows the replay's position in /v1/feeds, which the feed updates this often.
        ["Grid__Feeds__Mrt__ProgressInterval"] = "00:00:00.500",
    };

    /// <summary>
    /// Waits until the replay is in the updates and <see cref="ReplayCrashPlan"/> names a silo
    /// other than the collector and a country it holds; kills that silo. When the replay passes the
    /// last such moment first, kills the collector, holder of a candidate or else of its largest
    /// country.
    /// </summary>
    private async Task<Kill> KillHolderMidReplayAsync(SiloCluster cluster, ReplayedVisibility replay, CountryTimelines timelines)
    {
        // /v1/feeds shows the replay's position every half second, and reading the silos takes a
        // moment: when the kill lands, the replay may be this much further than it said.
        var lag = TimeSpan.FromSeconds(1.5 * Speed);
        // Orleans votes a silo dead after two missed 2 s probes: a change due this soon after the
        // kill is reported to a silo that is gone but not yet known to be.
        var unnoticed = TimeSpan.FromSeconds(2.5 * Speed);
        var plan = new ReplayCrashPlan(timelines, DecentCount, lag, unnoticed);
        // The collector is killed in time to die during the replay, some 5 s before its end, if need be.
        var lastChance = new[] { plan.LastChance, replay.LastUpdateTime - TimeSpan.FromSeconds(5 * Speed) }.Min();
        output.WriteLine($"moments to kill (position read from /v1/feeds): {plan}");
        Kill? kill = null;
        var chosen = Poll.UntilAsync("a silo holds a candidate country just before its last change", () => Answered(async () =>
        {
            // Read together: the replay moves on while the silos answer.
            var views = await Task.WhenAll(cluster.Running.Select(async silo =>
            {
                var (feed, held) = (ReplayClusterReads.MrtFeedAsync(silo), ReplayClusterReads.CountriesHeldAsync(silo));
                return (Silo: silo, Feed: await feed, Held: await held);
            }));
            var (collector, feed) = views.Where(v => v.Feed is { State: not "standby" }).Select(v => (v.Silo, v.Feed)).FirstOrDefault();
            if (collector is null || feed is not { LastMessageAt: { } position } || feed.Elements <= replay.RibRoutes)
            {
                return false;
            }

            Assert.True(feed.State == "running", $"the replay ended ({feed.State}) before the test found a moment to kill: the silos answered too slowly to follow it");

            var candidates = plan.Candidates.ToList();
            var spread = string.Join(", ", views.Select(v => $"{cluster.IdOf(v.Silo)}{(v.Silo == collector ? " (collector)" : "")} {v.Held.Count} [{string.Join(" ", candidates.Where(c => v.Held.Contains(c.Country)).Select(c => c.Country))}]"));
            if (plan.Pick(position, views.Where(v => v.Silo != collector).ToDictionary(v => v.Silo, v => v.Held)) is var (silo, country))
            {
                kill = new Kill(silo, collector, country, position, spread);
                return true;
            }

            if (position > lastChance)
            {
                // Too late for the entity path: the collector goes, with a candidate it holds (or
                // else its largest country), and the replay starts over on a survivor.
                var held = views.Single(v => v.Silo == collector).Held;
                var onCollector = candidates.FirstOrDefault(c => held.Contains(c.Country))
                    ?? timelines.Countries.Values.Where(t => held.Contains(t.Country)).MaxBy(t => t.Final);
                Assert.True(onCollector is not null, $"the replay reached {position:u}, past every candidate's moment, and the collector holds no country ({spread})");
                kill = new Kill(collector, collector, onCollector, position, spread);
                return true;
            }

            return false;
        }), Wait);
        try
        {
            await chosen;
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{Logs(cluster)}", ex);
        }

        kill!.Victim.Kill();
        return kill;
    }

    /// <summary>Polls <paramref name="condition"/>; on timeout says what each running silo shows for the country, its feeds, and their logs.</summary>
    private static async Task UntilAsync(SiloCluster cluster, string country, string what, Func<Task<bool>> condition, Func<string>? detail = null)
    {
        try
        {
            await Poll.UntilAsync(what, () => Answered(condition), Wait);
        }
        catch (TimeoutException ex)
        {
            var views = new List<string>();
            foreach (var silo in cluster.Running)
            {
                try
                {
                    views.Add($"{cluster.IdOf(silo)}: {country} {await silo.Http.GetStringAsync($"/v1/countries/{country}")}\n  feeds {await silo.Http.GetStringAsync("/v1/feeds")}\n  holds {country}: {(await ReplayClusterReads.CountriesHeldAsync(silo)).Contains(country)}");
                }
                catch (HttpRequestException e)
                {
                    views.Add($"{cluster.IdOf(silo)}: {e.Message}");
                }
            }

            throw new TimeoutException($"{ex.Message}\n{detail?.Invoke()}\nas each silo answers:\n{string.Join("\n", views)}\n{Logs(cluster)}", ex);
        }
    }

    /// <summary>A read that a loaded silo refused, reset or left unanswered is asked again at the next poll.</summary>
    private static async Task<bool> Answered(Func<Task<bool>> condition)
    {
        try
        {
            return await condition();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>The last lines each silo printed, without the replay's progress lines, which fill the log twice a second.</summary>
    private static string Logs(SiloCluster cluster) => string.Join("\n", cluster.Silos.Select(s =>
        $"--- {cluster.IdOf(s)}{(s.HasExited ? " (killed)" : "")} ---\n{string.Join('\n', s.Output.Where(l => !l.Contains("% read", StringComparison.Ordinal)).TakeLast(40))}"));

    /// <param name="Spread">How many countries each silo held when the victim was chosen, and which candidates.</param>
    private sealed record Kill(SiloProcess Victim, SiloProcess Collector, CountryTimeline Country, DateTimeOffset Position, string Spread)
    {
        public bool OfCollector => Victim == Collector;
    }
}
