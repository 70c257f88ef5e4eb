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
        builder.Services.AddHostedService<ProbingService>();
        return builder;
    }
}
