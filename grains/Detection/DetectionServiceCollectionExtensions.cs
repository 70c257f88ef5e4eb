using Grid.Grains.Alerts;
using Grid.Grains.Elections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

using Grid.Grains.Hosting;

namespace Grid.Grains.Detection;

public static class DetectionServiceCollectionExtensions
{
    /// <summary>
    /// Detection, elections and alerts: thresholds from <c>Grid:Detection</c>, the watch window from
    /// <c>Grid:Elections</c>, delivery from <c>Grid:Alerts</c>, the silo's signal clock, the webhook sender, and the courier that
    /// carries prefix shards' counts to entity grains.
    /// </summary>
    public static IServiceCollection AddGridDetection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DetectionOptions>()
            .Bind(configuration.GetSection(DetectionOptions.Section))
            .PostConfigure(o => SignalLikeness.Apply(o, configuration.GetSection(DetectionOptions.Section)));
        services.AddOptions<Watch.WatchOptions>().Bind(configuration.GetSection(Watch.WatchOptions.Section));
        services.AddOptions<ElectionOptions>().Bind(configuration.GetSection(ElectionOptions.Section))
            .Configure<IOptions<Watch.WatchOptions>>((elections, watch) => elections.UseWatch(watch.Value));
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SignalClock>(sp => new SignalClock(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<SiloActivations>();
        services.TryAddSingleton<ElectionCalendarView>();
        services.TryAddSingleton<Entities.EntityStatusBoard>();
        services.TryAddSingleton<DetectionServices>();
        services.TryAddSingleton<Visibility.VisibilityCourier>();
        // The alert grain scores the watch windows its changes fall in, so the scorer comes with detection.
        Watch.WatchServiceCollectionExtensions.AddGridWatch(services);
        services.AddOptions<AlertOptions>()
            .Validate(o => WebhookPorts.TryParse(o.AllowedPorts, out _, out _), "Grid:Alerts:AllowedPorts must list ports (1-65535) or ranges separated by commas, such as 80,443 or 8000-8999.")
            .Validate(o => o.ConnectTimeout > TimeSpan.Zero && o.RequestTimeout > TimeSpan.Zero, "Grid:Alerts:ConnectTimeout and RequestTimeout must be positive.")
            .Validate(o => o.MaxPending > 0 && o.KeptFailed >= 0, "Grid:Alerts:MaxPending must be positive and KeptFailed not negative.")
            .ValidateOnStart();
        // One client for every webhook: pooled connections, and every connection opened by WebhookConnector, which judges the address it connects to.
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AlertOptions>>();
            return new WebhookSender(new HttpClient(WebhookConnector.CreateHandler(options.Value)), options);
        });
        return services;
    }
}
