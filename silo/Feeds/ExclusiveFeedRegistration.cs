using Grid.Silo.Feeds.Leases;

namespace Grid.Silo.Feeds;

internal static class ExclusiveFeedRegistration
{
    /// <summary>
    /// Adds <typeparamref name="TFeed"/> (also resolvable as itself, for endpoints that read it) to
    /// the feeds of <paramref name="lease"/>, and the one <see cref="ExclusiveFeedHost"/> of that lease.
    /// </summary>
    public static IServiceCollection AddExclusiveFeed<TFeed>(this IServiceCollection services, string lease)
        where TFeed : class, IExclusiveFeed
    {
        services.AddSingleton<TFeed>();
        services.AddKeyedSingleton<IExclusiveFeed>(lease, (sp, _) => sp.GetRequiredService<TFeed>());
        if (!services.Any(d => d.ServiceType == typeof(LeasedFeedGroup) && Equals(d.ImplementationInstance, new LeasedFeedGroup(lease))))
        {
            services.AddSingleton(new LeasedFeedGroup(lease));
            // Not AddHostedService: it keeps one registration per implementation type, and there is one host per lease.
            services.AddSingleton<IHostedService>(sp => new ExclusiveFeedHost(
                lease,
                [.. sp.GetKeyedServices<IExclusiveFeed>(lease)],
                sp.GetRequiredService<IExclusiveLeases>(),
                sp.GetRequiredService<Hosting.Cluster.SiloReadiness>(),
                sp.GetRequiredService<FeedStatusBoard>(),
                sp.GetRequiredService<ILogger<ExclusiveFeedHost>>()));
        }

        return services;
    }

    /// <summary>Marks a lease whose host is registered.</summary>
    private sealed record LeasedFeedGroup(string Lease);
}
