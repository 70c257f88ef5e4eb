using Grid.Runtime.Activation;
using Grid.Runtime.Cluster;
using Grid.Runtime.Messaging;
using Grid.Runtime.Serialization;
using Grid.Runtime.State;
using Grid.Runtime.Streams;
using Grid.Runtime.Streams.Durable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Runtime.Hosting;

public static class GridRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the grain runtime, with settings from <c>Grid:Runtime</c>. Add grains with
    /// <see cref="GridRuntimeBuilder.AddGrainsFromAssembly"/> and choose storage on the builder;
    /// the default storage is memory unless one is chosen.
    /// </summary>
    public static GridRuntimeBuilder AddGridRuntime(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var optionsBuilder = services.AddOptions<GridRuntimeOptions>();
        if (configuration is not null)
        {
            optionsBuilder.Bind(configuration.GetSection(GridRuntimeOptions.Section));
            services.AddOptions<DurableStreamOptions>().Bind(configuration.GetSection(DurableStreamOptions.Section));
        }

        services.AddSingleton(sp => new GrainTypeRegistry(sp.GetServices<GrainAssembly>().Select(a => a.Assembly)));
        services.AddSingleton(sp => new GridSerializer(sp.GetServices<System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver>()));
        services.AddSingleton<GrainRuntime>();
        services.AddSingleton<GrainCallCodec>();
        services.AddSingleton<IGrainCallDispatcher, LocalGrainCallDispatcher>();
        services.AddSingleton<IGrainFactory, GrainFactory>();
        services.AddKeyedSingleton<IStreamProvider>(StreamProviderNames.Default, (sp, _) => sp.GetRequiredService<GrainRuntime>().Streams);
        services.AddSingleton<GridRuntimeReadiness>();
        services.AddSingleton<IExclusiveLeases, SingleSiloLeases>();
        services.AddSingleton<IActivationRequests, LocalActivationRequests>();

        // Memory is the default storage; UsePostgresStorage registers later and so wins.
        services.AddKeyedSingleton<IGrainStorage>(GrainStorageNames.Default, (_, _) => new MemoryGrainStorage());
        services.AddSingleton(new GrainStorageName(GrainStorageNames.Default));
        services.AddHostedService<GridRuntimeHost>();
        services.AddHostedService<ActivationCollector>();
        services.AddHostedService<CallWatchdog>();
        return new GridRuntimeBuilder(services);
    }
}
