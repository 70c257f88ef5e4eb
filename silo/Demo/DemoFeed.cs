using System.Net;
using Grid.Bgp.Model;
using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Grains.Elections;
using Grid.Grains.Entities;
using Grid.Grains.Visibility;
using Grid.Silo.Feeds.Leases;
using Grid.Silo.Hosting.Cluster;
using Grid.Silo.Feeds;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Demo;

/// <summary>
/// Drives the simulated world through the real pipeline: route elements into <see cref="RouteIngest"/>
/// (prefix shards, visibility, country and AS grains), probe counts into the country grains, an
/// election today for the shut-down country, and a subscription to the demo's own receiver. It is a
/// route feed like the others: it runs on the collector (the <c>routing</c> lease) under its epoch.
/// </summary>
internal sealed partial class DemoFeed(
    IGrainFactory grains,
    ElectionCalendarView calendar,
    IOptions<VisibilityOptions> visibility,
    IOptions<DemoOptions> options,
    SiloReadiness readiness,
    IServer server,
    IHostApplicationLifetime lifetime,
    FeedStatusBoard board,
    TimeProvider time,
    ILogger<DemoFeed> logger) : IExclusiveFeed
{
    private const string Name = "demo";

    string IExclusiveFeed.Name => Name;

    public async Task RunAsync(LeaseGrant grant, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        while (!readiness.IsReady)
        {
            await Task.Delay(200, stoppingToken);
        }

        var demo = options.Value;
        await PrepareAsync(demo);
        var ingest = new RouteIngest(grains, visibility.Value, Name, grant.FencingToken);
        var start = time.GetUtcNow();
        await RouteAsync(ingest, start, DemoWorld.Countries.SelectMany(c => DemoWorld.Slash16s(c.Second)), RouteAction.Announce);
        await ingest.FlushAsync(endOfTable: true);
        board.Set(Name, FeedStates.Running, $"{demo.Country} goes dark {demo.WarmUp.TotalSeconds:0} s into every {demo.Cycle.TotalMinutes:0.#}-minute cycle, for {demo.Outage.TotalSeconds:0} s");
        LogSchedule(logger, demo.Country, start + demo.WarmUp, demo.Outage.TotalSeconds);

        var dark = false;
        var random = new Random(2020);
        using var timer = new PeriodicTimer(demo.ProbeInterval);
        do
        {
            var now = time.GetUtcNow();
            var position = TimeSpan.FromTicks((now - start).Ticks % demo.Cycle.Ticks);
            var outage = position >= demo.WarmUp && position < demo.WarmUp + demo.Outage;
            if (outage != dark)
            {
                dark = outage;
                var shutDown = DemoWorld.Countries.Single(c => c.Country == demo.Country);
                await RouteAsync(ingest, now, DemoWorld.Slash16s(shutDown.Second).Skip(DemoWorld.SurvivingSlash16s), dark ? RouteAction.Withdraw : RouteAction.Announce);
                await ingest.FlushAsync();
                LogTurn(logger, demo.Country, dark ? "goes dark" : "comes back");
            }

            foreach (var (country, _, _, blocks) in DemoWorld.Countries)
            {
                // A prober's count wobbles by a block or two; a shutdown leaves a twentieth of it.
                var value = country == demo.Country && dark ? blocks / 20 : blocks + random.Next(-2, 3);
                await grains.GetGrain<ICountryGrain>(country).RecordSignal("probes", now, value);
            }

            board.Progress(Name, ingest.Elements, now);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task PrepareAsync(DemoOptions demo)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        await grains.GetGrain<IElectionCalendarGrain>(IElectionCalendarGrain.Key)
            .Add([new ElectionEntry(demo.Country, today, "Demo presidential election", "demo")]);
        calendar.Invalidate();
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        var url = address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/demo/webhook";
        var subscriptions = grains.GetGrain<ISubscriptionsGrain>(ISubscriptionsGrain.Key);
        if (!(await subscriptions.List()).Any(s => s.Url == url))
        {
            await subscriptions.Add(new Subscription("demo", url, DemoInbox.Secret, [], [], DetectionLevel.Warning, false, Subscription.JsonFormat, time.GetUtcNow()));
        }
    }

    private static async Task RouteAsync(RouteIngest ingest, DateTimeOffset at, IEnumerable<string> prefixes, RouteAction action)
    {
        foreach (var prefix in prefixes)
        {
            var parsed = Prefix.Parse(prefix);
            var origin = DemoWorld.Countries.Single(c => parsed.Address.GetAddressBytes()[1] is var b && b >= c.Second && b < c.Second + 16).Origin;
            foreach (var (address, asn) in DemoWorld.Peers)
            {
                await ingest.AddAsync(new RouteElement(at, IPAddress.Parse(address), asn, parsed, action, action == RouteAction.Announce ? origin : 0));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: {Country} goes dark at {At:HH:mm:ss} UTC for {Seconds:0} s, and on every cycle after; watch GET /v1/countries/{Country}, /v1/events and /demo/alerts")]
    private static partial void LogSchedule(ILogger logger, string country, DateTimeOffset at, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: {Country} {Change}")]
    private static partial void LogTurn(ILogger logger, string country, string change);
}
