using Grid.Bgp.Model;
using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Grains.Geography;
using Grid.Grains.Signals;
using Grid.Grains.Tests.Geography;
using Grid.Grains.Visibility;
using Grid.Runtime;
using Grid.Runtime.Hosting;
using Grid.Runtime.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Tests.Alerts;

/// <summary>
/// The real runtime with Grid's real grains, detection, alert grains and webhook sender, in
/// process; signals are fed through the grains' public methods at historical event times.
/// </summary>
internal sealed class AlertSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private AlertSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public SignalClock Clock => _host.Services.GetRequiredService<SignalClock>();

    public IAlertGrain Alerts => Grains.GetGrain<IAlertGrain>(AnomalyStream.Key);

    /// <summary>
    /// Starts a silo. <paramref name="storage"/>: grain state shared with a later silo, to model a
    /// silo's death and its grains' adoption; <paramref name="postgres"/>: grain state and stream
    /// events in that database, as in a cluster.
    /// </summary>
    public static async Task<AlertSilo> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, IGrainStorage? storage = null, string? postgres = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Grid:Detection:Tick"] = "00:00:00.200",
            ["Grid:Alerts:AllowPrivateTargets"] = "true",
            ["Grid:Alerts:OutboxTick"] = "00:00:00.100",
            ["Grid:Alerts:FirstBackoff"] = "00:00:00.200",
            ["Grid:Alerts:MaxBackoff"] = "00:00:01",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        var runtime = builder.Services.AddGridRuntime(builder.Configuration).AddGrainsFromAssembly(GridGrains.Assembly);
        if (storage is not null)
        {
            runtime.UseStorage(GrainStorageNames.Default, _ => storage);
        }

        if (postgres is not null)
        {
            runtime.UsePostgresStorage(postgres).UsePostgresStreams(postgres);
        }

        builder.Services.AddSingleton<IGeography>(SharedGeography.Database);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new SignalOptions()));
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(
            builder.Configuration.GetSection(VisibilityOptions.Section).Get<VisibilityOptions>() ?? new VisibilityOptions()));
        builder.Services.AddSingleton<VisibilityFanOut>();
        builder.Services.AddGridDetection(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new AlertSilo(host);
    }

    public Task<Subscription> SubscribeAsync(Uri url, string secret, string minLevel = DetectionLevel.Warning, bool electionOnly = false, string[]? countries = null) =>
        Grains.GetGrain<ISubscriptionsGrain>(ISubscriptionsGrain.Key).Add(new Subscription(
            Guid.NewGuid().ToString("n"), url.ToString(), secret, countries ?? [], [], minLevel, electionOnly, Subscription.JsonFormat, DateTimeOffset.UtcNow));

    /// <summary>
    /// Gives <paramref name="country"/> <paramref name="slash16s"/> visible /16s from 100.64.0.0 up at
    /// <paramref name="at"/>, as prefix shards would after a RIB load or a withdrawal.
    /// </summary>
    public Task SetVisibleAsync(string country, int slash16s, int previously, DateTimeOffset at, long epoch = 0, bool rebuilding = false)
    {
        var changes = new List<PrefixDelta>();
        for (var i = Math.Min(slash16s, previously); i < Math.Max(slash16s, previously); i++)
        {
            changes.Add(new PrefixDelta(Prefix.Parse(Slash16(i)), slash16s > previously ? 1 : -1));
        }

        return Grains.GetGrain<ICountryGrain>(country).ApplyVisibility(new VisibilityDelta(at, [.. changes], epoch, rebuilding));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>Stops a silo whose storage is already cut (a dead process): its last writes fail, and that is the point.</summary>
    public async Task AbandonAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        catch (Exception e) when (e is StorageCutException or AggregateException)
        {
        }

        _host.Dispose();
    }

    /// <summary>The /16s of 100.64.0.0/10 (RFC 6598 space: no real network is named), 64 of them.</summary>
    private static string Slash16(int index) => $"100.{64 + index}.0.0/16";
}
