using System.Reflection;
using Grid.Grains.Hosting;
using Grid.Silo.Hosting;

namespace Grid.Silo.Api;

public static class SiloInfoEndpoint
{
    /// <summary><c>GET /</c>: what this silo is, so a newcomer's first request shows something true.</summary>
    public static WebApplication MapGridSiloInfo(this WebApplication app)
    {
        app.MapGet("/", (SiloActivations held, StorageDescription storage, IServiceProvider services) => Results.Ok(new
        {
            name = "Grid",
            siloId = ClusterEndpoint.SiloIdOf(services),
            cluster = ClusterEndpoint.ModeOf(services),
            version = typeof(SiloInfoEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
            machine = Environment.MachineName,
            storage = storage.Kind,
            runtime = "Microsoft Orleans " + typeof(Grain).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split(' ')[0].TrimEnd('.'),
            entitiesHere = held.Count,
            links = new { health = "/healthz", ready = "/readyz", cluster = "/v1/cluster" },
        }));
        return app;
    }
}
