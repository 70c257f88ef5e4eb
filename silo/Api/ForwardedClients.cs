using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Grid.Silo.Api;

/// <summary>
/// The client's address behind a proxy: <c>X-Forwarded-For</c> (and <c>-Proto</c>) are applied
/// only when the connection comes from a proxy named in <see cref="ForwardedClientOptions"/>, so
/// rate limits key on the real client there and nobody else can pick the address they are counted as.
/// </summary>
public static class ForwardedClients
{
    public static WebApplicationBuilder AddGridForwardedClients(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ForwardedClientOptions.Section).Get<ForwardedClientOptions>() ?? new ForwardedClientOptions();
        var proxies = options.KnownProxies.Select(p => IPAddress.TryParse(p, out var address)
            ? address
            : throw new InvalidOperationException($"Grid:Api:KnownProxies holds '{p}', which is not an IP address: list the proxies' addresses, such as 10.0.0.7 (networks go in Grid:Api:KnownNetworks).")).ToList();
        var networks = options.KnownNetworks.Select(n => System.Net.IPNetwork.TryParse(n, out var network)
            ? network
            : throw new InvalidOperationException($"Grid:Api:KnownNetworks holds '{n}', which is not a network in CIDR notation, such as 10.244.0.0/16.")).ToList();
        builder.Services.AddSingleton(options);
        // Also when ASPNETCORE_FORWARDEDHEADERS_ENABLED asks ASP.NET Core to trust every sender:
        // only the configured proxies are believed, and without any, no forwarded header is.
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            if (!options.IsConfigured)
            {
                o.ForwardedHeaders = ForwardedHeaders.None;
                return;
            }

            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
            // A chain of known proxies (load balancer → ingress) is unwound to the first address
            // that is not one of them: that is the client (RFC 7239 §5.2 reads X-Forwarded-For alike).
            o.ForwardLimit = null;
        });
        return builder;
    }

    /// <summary>First in the pipeline, so rate limits and logs see the client's address.</summary>
    public static WebApplication UseGridForwardedClients(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ForwardedClientOptions>().IsConfigured)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    /// <summary>
    /// True when the request comes from this machine itself and was not relayed: a loopback socket
    /// and no forwarding header (a local reverse proxy would otherwise pass for a local caller).
    /// </summary>
    public static bool IsLocalCaller(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
        && !http.Request.Headers.ContainsKey("X-Forwarded-For") && !http.Request.Headers.ContainsKey("Forwarded")
        && !http.Request.Headers.ContainsKey("X-Original-For");
}
