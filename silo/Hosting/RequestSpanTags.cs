using System.Diagnostics;

namespace Grid.Silo.Hosting;

/// <summary>
/// Names and tags ASP.NET Core's request span (OpenTelemetry's HTTP semantic conventions) as
/// OpenTelemetry.Instrumentation.AspNetCore would, since that package is not served here.
/// </summary>
internal sealed class RequestSpanTags : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, following) =>
        {
            var span = Activity.Current;
            span?.SetTag("http.request.method", context.Request.Method);
            span?.SetTag("url.path", context.Request.Path.Value);
            await following(context);
            if (span is not null)
            {
                span.SetTag("http.response.status_code", context.Response.StatusCode);
                if (context.GetEndpoint() is RouteEndpoint route)
                {
                    span.SetTag("http.route", route.RoutePattern.RawText);
                    span.DisplayName = $"{context.Request.Method} {route.RoutePattern.RawText}";
                }
            }
        });
        next(app);
    };
}
