using Grid.Silo.Feeds;
using Grid.Silo.Feeds.Probing;

namespace Grid.Silo.Hosting;

public static class GridProbing
{
    /// <summary>
    /// Active probing (<c>Grid:Probing</c>): the block table shared by the prober and the intake, and
    /// the rounds. The prober runs only with a hitlist; without raw sockets it says so and the silo runs on.
    /// </summary>
    public static WebApplicationBuilder AddGridProbing(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProbingOptions>().Bind(builder.Configuration.GetSection(ProbingOptions.Section));
        builder.Services.AddSingleton<ProbeBlocks>();
        builder.Services.AddSingleton<ProbingStatus>();
        builder.Services.AddSingleton<ProberSlot>();
        builder.Services.AddHostedService<ProbingService>();
        var settings = builder.Configuration.GetSection(ProbingOptions.Section).Get<ProbingOptions>() ?? new ProbingOptions();
        if (ProbingService.ProberWanted(settings))
        {
            builder.Services.AddExclusiveFeed<ProberFeed>(FeedLeases.Probing(settings.Shard));
        }
        return builder;
    }
}
