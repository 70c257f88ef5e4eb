using Grid.Grains.Detection;

namespace Grid.Silo.Hosting;

public static class GridDetection
{
    /// <summary>
    /// Outage detection (<c>Grid:Detection</c>), election watch (<c>Grid:Elections</c>) and alert
    /// delivery (<c>Grid:Alerts</c>); the alert outbox resumes when the silo starts.
    /// </summary>
    public static WebApplicationBuilder AddGridDetection(this WebApplicationBuilder builder)
    {
        builder.Services.AddGridDetection(builder.Configuration);
        builder.Services.AddHostedService<AlertOutboxResume>();
        return builder;
    }
}
