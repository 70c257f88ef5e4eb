using Grid.Grains.Probing;
using Grid.Silo.Feeds;
using Grid.Silo.Feeds.Probing;

namespace Grid.Silo.Hosting;

public static class GridProbing
{
    /// <summary>
    /// Active probing (<c>Grid:Probing</c>): the probe shards' bins, the way to them shared by the
    /// prober and the intake, the prober's targets and its rounds. The prober runs only with a
    /// hitlist; without raw sockets it says so and the silo runs on.
    /// </summary>
    public static WebApplicationBuilder AddGridProbing(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProbingOptions>().Bind(builder.Configuration.GetSection(ProbingOptions.Section));
        builder.Services.AddOptions<ProbeBinOptions>().Bind(builder.Configuration.GetSection(ProbeBinOptions.Section));
        builder.Services.AddSingleton<ProbeShardRouter>();
        builder.Services.AddSingleton<ProbeTargets>();
        builder.Services.AddSingleton<ProbingStatus>();
        builder.Services.AddSingleton<ProberSlot>();
        builder.Services.AddSingleton<WatchedProbeSchedule>();
        builder.Services.AddHostedService<ProbingService>();
        var settings = builder.Configuration.GetSection(ProbingOptions.Section).Get<ProbingOptions>() ?? new ProbingOptions();
        if (ProbingService.ProberWanted(settings))
        {
            builder.Services.AddExclusiveFeed<ProberFeed>(FeedLeases.Probing(settings.Shard));
        }
        return builder;
    }
}
