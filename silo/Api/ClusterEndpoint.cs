using Grid.Grains.Hosting;
using Grid.Silo.Api.Auth;
using Grid.Silo.Hosting.Cluster;

namespace Grid.Silo.Api;

public static class ClusterEndpoint
{
    /// <summary>
    /// <c>GET /v1/cluster</c>: this silo, the members Orleans' membership sees, the grains active
    /// here by type, and which country, AS and alert grains this silo holds, so an operator (or a
    /// test) can watch grains spread and move after a death.
    /// </summary>
    public static WebApplication MapGridClusterInfo(this WebApplication app)
    {
        app.MapGet("/v1/cluster", async (HttpContext http, IServiceProvider services, SiloActivations held, SiloReadiness readiness) =>
        {
            var self = services.GetRequiredService<ILocalSiloDetails>();
            var membership = services.GetRequiredService<IClusterMembershipService>();
            var activations = new Dictionary<string, int>(StringComparer.Ordinal);
            if (readiness.IsReady)
            {
                var management = services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
                foreach (var stat in await management.GetSimpleGrainStatistics([self.SiloAddress]))
                {
                    activations[ShortTypeName(stat.GrainType)] = activations.GetValueOrDefault(ShortTypeName(stat.GrainType)) + stat.ActivationCount;
                }
            }

            var view = new
            {
                mode = ModeOf(services),
                members = membership.CurrentSnapshot.Members.Values.OrderBy(m => m.SiloAddress.ToString(), StringComparer.Ordinal).Select(m => new
                {
                    status = m.Status.ToString().ToLowerInvariant(),
                    isSelf = m.SiloAddress.Equals(self.SiloAddress),
                    m.Name,
                    Address = m.SiloAddress.ToString(),
                }).ToList(),
                activationCount = activations.Values.Sum(),
                activations = activations.OrderBy(a => a.Key, StringComparer.Ordinal).ToDictionary(a => a.Key, a => a.Value),
                holds = new
                {
                    country = held.ActiveKeys("country"),
                    alerts = held.ActiveKeys("alerts"),
                    outboxes = held.ActiveKeys("outbox"),
                    asCount = held.ActiveKeys("as").Count,
                },
            };

            // Silo names (pod names) and addresses map the deployment's inside: admin only.
            if (!InternalDetails.AreShownTo(http))
            {
                return Results.Ok(new
                {
                    view.mode,
                    members = view.members.Select(m => new { m.status, m.isSelf }),
                    view.activationCount,
                    view.activations,
                    view.holds,
                });
            }

            return Results.Ok(new
            {
                siloId = SiloIdOf(services),
                view.mode,
                address = self.SiloAddress.ToString(),
                endpoint = self.SiloAddress.Endpoint.ToString(),
                members = view.members.Select(m => new { id = m.Name, address = m.Address, m.status, m.isSelf }),
                view.activationCount,
                view.activations,
                view.holds,
            });
        })
            .RequireReadAccess(app).RequireCors(GridApi.ReadCorsPolicy).WithTags("Cluster")
            .WithSummary("This silo and the cluster it sees")
            .WithDescription("This silo's mode (single or cluster), the members Orleans' membership sees with their status (with an admin key also this silo's id and address and each member's name and address), the grains active on this silo by type, and the country, alert and subscription outbox grains it holds.");
        return app;
    }

    /// <summary>The silo's name in Orleans' membership (pod name in Kubernetes).</summary>
    internal static string SiloIdOf(IServiceProvider services) => services.GetRequiredService<ILocalSiloDetails>().Name;

    internal static string ModeOf(IServiceProvider services) =>
        services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GridClusterOptions>>().Value.IsEnabled ? "cluster" : "single";

    /// <summary>A grain class's [GrainType] name ("country", "as"); else the class's short name.</summary>
    private static string ShortTypeName(string type)
    {
        if (Type.GetType(type) is { } grainClass && grainClass.GetCustomAttributes(typeof(GrainTypeAttribute), inherit: false) is [GrainTypeAttribute named, ..])
        {
            return named.GetGrainType(null!, grainClass).ToString()!;
        }

        var comma = type.IndexOf(',', StringComparison.Ordinal);
        var name = comma < 0 ? type : type[..comma];
        var dot = name.LastIndexOf('.');
        return dot < 0 ? name : name[(dot + 1)..];
    }
}
