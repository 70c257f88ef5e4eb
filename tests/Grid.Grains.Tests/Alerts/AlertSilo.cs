using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Grains.Tests.Hosting;
using Grid.Grains.Visibility;

namespace Grid.Grains.Tests.Alerts;

/// <summary>
/// Real Orleans silos with Grid's real grains, detection, alert grains and webhook sender, in
/// process; signals are fed through the grains' public methods at historical event times.
/// </summary>
internal sealed class AlertSilo : IAsyncDisposable
{
    private long _reports;

    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Grid:Detection:Tick"] = "00:00:00.200",
        ["Grid:Alerts:AllowPrivateTargets"] = "true",
        ["Grid:Alerts:AllowedPorts"] = "1-65535",
        ["Grid:Alerts:OutboxTick"] = "00:00:00.100",
        ["Grid:Alerts:FirstBackoff"] = "00:00:00.200",
        ["Grid:Alerts:MaxBackoff"] = "00:00:01",
    };

    private AlertSilo(GridTestCluster cluster) => Cluster = cluster;

    public GridTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Grains;

    /// <summary>Every silo's signal clock: detection runs on event time.</summary>
    public ClusterSignalClock Clock => Cluster.Clock;

    public IAlertGrain Alerts => Grains.GetGrain<IAlertGrain>(AnomalyStream.Key);

    /// <summary>The outbox that owns <paramref name="subscription"/>'s deliveries and retries.</summary>
    public ISubscriptionOutboxGrain OutboxOf(Subscription subscription) => Grains.GetGrain<ISubscriptionOutboxGrain>(subscription.Id);

    /// <summary>
    /// Starts a cluster of <paramref name="silos"/>; <paramref name="postgres"/>: grain state in that
    /// database (Orleans ADO.NET persistence), as in a cluster whose silos may die.
    /// </summary>
    public static async Task<AlertSilo> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, string? postgres = null, int silos = 1)
    {
        var merged = new Dictionary<string, string?>(Defaults);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        return new AlertSilo(await GridTestCluster.StartAsync(silos, merged, postgres));
    }

    public Task<Subscription> SubscribeAsync(Uri url, string secret, DetectionLevel minLevel = DetectionLevel.Warning, bool electionOnly = false, string[]? countries = null) =>
        Grains.GetGrain<ISubscriptionsGrain>(ISubscriptionsGrain.Key).Add(new Subscription(
            Guid.NewGuid().ToString("n"), url.ToString(), secret, countries ?? [], [], minLevel, electionOnly, Subscription.JsonFormat, DateTimeOffset.UtcNow));

    /// <summary>
    /// Gives <paramref name="country"/> <paramref name="slash16s"/> visible /16s of 100.64.0.0/10 at
    /// <paramref name="at"/>, as the 100.0.0.0/8 prefix shard would report them after a RIB load or
    /// a withdrawal; each call is a newer report of that shard.
    /// </summary>
    public Task SetVisibleAsync(string country, int slash16s, DateTimeOffset at)
    {
        var report = new ShardVisibility("100.0.0.0/8", Epoch: 0, Interlocked.Increment(ref _reports), at, slash16s * 256L, slash16s, Loaded: true, []);
        return Grains.GetGrain<ICountryGrain>(country).ReportVisibility(report);
    }

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
