using Grid.Silo.Api;
using Grid.Silo.Api.Auth;
using Grid.Silo.Feeds.Bgp;
using Grid.Silo.Feeds.Bmp;
using Grid.Silo.Feeds.Mrt;

namespace Grid.Silo.Feeds;

public static class GridFeeds
{
    /// <summary>
    /// The feeds that bring routes in: RIS Live (on by default), MRT replay (<c>--mrt</c>), BGP
    /// sessions and the BMP station. All run under the one <see cref="FeedLeases.Routing"/> lease,
    /// so in a cluster exactly one silo (the collector) runs them, and the shards live beside them.
    /// </summary>
    public static WebApplicationBuilder AddGridFeeds(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FeedStatusBoard>();
        var risLive = builder.Configuration.GetSection(RisLiveOptions.Section);
        builder.Services.AddOptions<RisLiveOptions>().Bind(risLive);
        if (risLive.GetValue(nameof(RisLiveOptions.Enabled), true))
        {
            builder.Services.AddExclusiveFeed<RisLiveFeed>(FeedLeases.Routing);
        }

        var mrt = builder.Configuration.GetSection(MrtReplayOptions.Section);
        builder.Services.AddOptions<MrtReplayOptions>().Bind(mrt);
        if (mrt.GetSection(nameof(MrtReplayOptions.Files)).GetChildren().Any())
        {
            builder.Services.AddExclusiveFeed<MrtReplayFeed>(FeedLeases.Routing);
        }

        var bgp = builder.Configuration.GetSection(BgpFeedOptions.Section);
        builder.Services.AddOptions<BgpFeedOptions>().Bind(bgp);
        if (bgp.Get<BgpFeedOptions>() is { Enabled: true })
        {
            builder.Services.AddExclusiveFeed<BgpSessionFeed>(FeedLeases.Routing);
        }

        var bmp = builder.Configuration.GetSection(BmpFeedOptions.Section);
        builder.Services.AddOptions<BmpFeedOptions>().Bind(bmp);
        if (!string.IsNullOrWhiteSpace(bmp[nameof(BmpFeedOptions.Listen)]))
        {
            builder.Services.AddExclusiveFeed<BmpStationFeed>(FeedLeases.Routing);
        }

        return builder;
    }

    /// <summary><c>GET /v1/feeds</c>: every feed's state, so "no data" can be told from "no internet".</summary>
    public static WebApplication MapGridFeeds(this WebApplication app)
    {
        app.MapGet("/v1/feeds", (FeedStatusBoard board) => Results.Ok(board.All))
            .RequireReadAccess(app).RequireCors(GridApi.ReadCorsPolicy).WithTags("Feeds")
            .WithSummary("The state of every data feed")
            .WithDescription("RIS Live, MRT replays, BGP sessions, BMP: each feed's state and a plain-language detail (e.g. no internet: what to do).");
        // Every BGP neighbor's session, and every peer BMP routers report: state, uptime, prefixes held, last message age.
        app.MapGet("/v1/peers", (IServiceProvider services) => Results.Ok(
            (services.GetService<BgpSessionFeed>()?.Peers() ?? []).Concat(services.GetService<BmpStationFeed>()?.Peers() ?? [])))
            .RequireReadAccess(app).RequireCors(GridApi.ReadCorsPolicy).WithTags("Feeds")
            .WithSummary("BGP and BMP peers")
            .WithDescription("Every peer of Grid's own BGP sessions and of monitored BMP routers: address, AS, state, table size, whether it counts as full-feed.");
        return app;
    }
}
