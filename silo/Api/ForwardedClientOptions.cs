namespace Grid.Silo.Api;

/// <summary>
/// <c>Grid:Api</c>: the reverse proxies (an ingress controller, a load balancer) whose
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the silo believes. Requests from anywhere
/// else keep their socket's address, whatever headers they carry.
/// </summary>
public sealed class ForwardedClientOptions
{
    public const string Section = "Grid:Api";

    /// <summary>Proxy addresses, such as <c>10.0.0.7</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, such as <c>10.244.0.0/16</c> (an ingress controller's pods).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool IsConfigured => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}
