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
        services.AddOptions<ElectionOptions>().Bind(configuration.GetSection(ElectionOptions.Section));
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SignalClock>(sp => new SignalClock(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<SiloActivations>();
        services.TryAddSingleton<ElectionCalendarView>();
        services.TryAddSingleton<Entities.EntityStatusBoard>();
        services.TryAddSingleton<DetectionServices>();
        services.TryAddSingleton<Visibility.VisibilityCourier>();
        // One client for every webhook: pooled connections, no cookies, no redirects (a redirect could lead to a private address).
        services.TryAddSingleton(sp => new WebhookSender(
            new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }),
            sp.GetRequiredService<IOptions<AlertOptions>>()));
        return services;
    }
}
