using Grid.Silo.Api.Auth;
using Orleans.Dashboard;

namespace Grid.Silo.Hosting;

/// <summary>
/// The Orleans Dashboard at <c>/dashboard</c>: silos, grains and calls, for a look inside the
/// cluster. It names silos, hosts and addresses, so it answers this machine's own callers (the
/// local profile; <c>kubectl port-forward</c>, which connects from inside the pod) and admin keys,
/// nobody else; <c>Grid:Dashboard:Enabled=false</c> turns it off.
/// </summary>
public static class GridDashboard
{
    public const string EnabledKey = "Grid:Dashboard:Enabled";

    public const string Path = "/dashboard";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(EnabledKey, true);

    /// <summary>Adds the dashboard's grains and counters to the silo.</summary>
    public static void AddGridDashboard(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (IsEnabled(configuration))
        {
            // No live log stream: logs are for operators, and reads may be open to anyone.
            silo.AddDashboard(o => o.HideTrace = true);
        }
    }

    public static WebApplication MapGridDashboard(this WebApplication app)
    {
        if (IsEnabled(app.Configuration))
        {
            app.Use(async (http, next) =>
            {
                if (!http.Request.Path.StartsWithSegments(Path) || Grid.Silo.Api.ForwardedClients.IsLocalCaller(http) || InternalDetails.AreShownTo(http))
                {
                    await next(http);
                    return;
                }

                var keyed = PresentedKey.IsPresent(http.Request);
                await Results.Problem(
                    statusCode: keyed ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
                    title: keyed ? "Missing scope" : "API key required",
                    detail: "The Orleans Dashboard names silos, hosts and addresses: open it from this machine (or through `kubectl port-forward`), or send a key with the 'admin' scope.").ExecuteAsync(http);
            });
            app.MapOrleansDashboard(Path);
        }

        return app;
    }
}
