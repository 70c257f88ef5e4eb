using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Grid.Grains.Watch;

public static class WatchServiceCollectionExtensions
{
    /// <summary>
    /// The watch calendar's services beyond detection's (which binds <c>Grid:Watch</c>): the risk
    /// scorer, <see cref="HistoryWatchRisk"/> unless one was registered before.
    /// </summary>
    public static IServiceCollection AddGridWatch(this IServiceCollection services)
    {
        services.TryAddSingleton<IWatchRiskScorer, HistoryWatchRisk>();
        return services;
    }
}
