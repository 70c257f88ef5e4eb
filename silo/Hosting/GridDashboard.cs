using Grid.Silo.Api.Auth;
using Orleans.Dashboard;

namespace Grid.Silo.Hosting;

/// <summary>
/// The Orleans Dashboard at <c>/dashboard</c>: silos, grains and calls, for a look inside the
/// cluster. Read under the same rules as the API's reads; <c>Grid:Dashboard:Enabled=false</c> turns it off.
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
            app.MapOrleansDashboard(Path).RequireReadAccess(app);
        }

        return app;
    }
}
