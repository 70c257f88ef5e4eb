using System.Net.Sockets;

namespace Grid.Grains.Alerts;

/// <summary>
/// Decides, when a subscription is made, whether its webhook URL may be called: the URL's form
/// (<see cref="WebhookUrl"/>), its port, and every address its host resolves to now. The same rules
/// hold again at every attempt, where the connection is made (<see cref="WebhookConnector"/>),
/// since DNS can answer differently later.
/// </summary>
public static class WebhookTarget
{
    /// <summary>Null when <paramref name="url"/> may be called; otherwise what is wrong, in words for the user.</summary>
    public static async Task<string?> CheckAsync(string url, AlertOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(options);
        var ports = WebhookPorts.Parse(options.AllowedPorts);
        if (WebhookUrl.Problem(url, ports) is { } problem)
        {
            return problem;
        }

        var uri = new Uri(url);
        try
        {
            await new WebhookConnector(ports, options.AllowPrivateTargets).ResolveAsync(uri.IdnHost, uri.Port, cancellationToken);
            return null;
        }
        catch (WebhookTargetRefusedException ex)
        {
            return ex.Message;
        }
        catch (SocketException ex)
        {
            return $"'{uri.IdnHost}' does not resolve ({ex.SocketErrorCode}).";
        }
    }
}
