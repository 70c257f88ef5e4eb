using System.Reflection;
using Grid.Grains.Hosting;
using Grid.Silo.Api.Auth;
using Grid.Silo.Hosting;

namespace Grid.Silo.Api;

public static class SiloInfoEndpoint
{
    /// <summary>
    /// <c>GET /</c>: what this silo is, so a newcomer's first request shows something true. A read
    /// (open unless <c>Grid:Auth:RequireKeyForReads</c>); the silo's name, machine and build commit
    /// only for an admin key (<see cref="InternalDetails"/>).
    /// </summary>
    public static WebApplication MapGridSiloInfo(this WebApplication app)
    {
        app.MapGet("/", (HttpContext http, SiloActivations held, StorageDescription storage, IServiceProvider services) =>
        {
            var build = typeof(SiloInfoEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            var runtime = "Microsoft Orleans " + InternalDetails.Release(typeof(Grain).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion)?.TrimEnd('.');
            var links = new { health = "/healthz", ready = "/readyz", cluster = "/v1/cluster" };
            var cluster = ClusterEndpoint.ModeOf(services);
            if (!InternalDetails.AreShownTo(http))
            {
                return Results.Ok(new { name = "Grid", cluster, version = InternalDetails.Release(build), storage = storage.Kind, runtime, links });
            }

            return Results.Ok(new
            {
                name = "Grid",
                siloId = ClusterEndpoint.SiloIdOf(services),
                cluster,
                version = InternalDetails.Release(build),
                build,
                machine = Environment.MachineName,
                storage = storage.Kind,
                runtime,
                entitiesHere = held.Count,
                links,
            });
        }).RequireReadAccess(app);
        return app;
    }
}
