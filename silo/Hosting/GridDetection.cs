using Grid.Grains.Detection;
using Grid.Grains.Watch;

namespace Grid.Silo.Hosting;

public static class GridDetection
{
    /// <summary>
    /// Outage detection (<c>Grid:Detection</c>), election and calendar watch (<c>Grid:Elections</c>, <c>Grid:Watch</c>) and alert
    /// delivery (<c>Grid:Alerts</c>); the alert outbox resumes when the silo starts, and the silo's event clock follows the cluster's.
    /// </summary>
    public static WebApplicationBuilder AddGridDetection(this WebApplicationBuilder builder)
    {
        builder.Services.AddGridDetection(builder.Configuration);
        builder.Services.AddHostedService<AlertOutboxResume>();
        builder.Services.AddHostedService<EventClockExchange>();
        builder.Services.AddHostedService<WatchNoticeTicks>();
        return builder;
    }
}
