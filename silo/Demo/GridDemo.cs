using Grid.Silo.Feeds;
using Microsoft.Extensions.Configuration.Memory;

namespace Grid.Silo.Demo;

public static class GridDemo
{
    /// <summary>
    /// <c>--demo</c> (<c>Grid:Demo:Enabled</c>): a self-contained simulated world, generated here.
    /// Its settings sit below every other configuration source, so the command line still wins.
    /// Call before the feeds and geography are added: it switches RIS Live off and points Grid:Geo:Dir at its own file.
    /// </summary>
    public static WebApplicationBuilder AddGridDemo(this WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue<bool>($"{DemoOptions.Section}:{nameof(DemoOptions.Enabled)}"))
        {
            return builder;
        }

        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = DemoWorld.Settings(DemoWorld.WriteGeography()) });
        builder.Services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.Section));
        builder.Services.AddSingleton<DemoInbox>();
        builder.Services.AddExclusiveFeed<DemoFeed>(FeedLeases.Routing);
        return builder;
    }

    /// <summary><c>POST /demo/webhook</c> receives the demo's alerts (signature checked); <c>GET /demo/alerts</c> shows them, newest first.</summary>
    public static WebApplication MapGridDemo(this WebApplication app)
    {
        if (app.Services.GetService<DemoInbox>() is null)
        {
            return app;
        }

        app.MapPost("/demo/webhook", async (HttpRequest request, DemoInbox inbox) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            return inbox.Accept(body, request.Headers["X-Grid-Signature"].FirstOrDefault()) ? Results.Ok() : Results.Unauthorized();
        });
        app.MapGet("/demo/alerts", (DemoInbox inbox) => Results.Ok(inbox.Received));
        return app;
    }
}
