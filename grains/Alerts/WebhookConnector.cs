using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Grid.Grains.Alerts;

/// <summary>
/// Opens every webhook connection (<see cref="SocketsHttpHandler.ConnectCallback"/>): it resolves
/// the host once, judges every address it got, and connects only to those addresses. A check that
/// resolved the name on its own and let the handler resolve it again would be a second question to
/// DNS, whose answer can change in between (DNS rebinding: public for the check, 127.0.0.1 for the
/// connection); here the address judged is the address connected to.
/// </summary>
public sealed class WebhookConnector(WebhookPorts ports, bool allowSpecialAddresses)
{
    public WebhookConnector(AlertOptions options)
        : this(WebhookPorts.Parse((options ?? throw new ArgumentNullException(nameof(options))).AllowedPorts), options.AllowPrivateTargets)
    {
    }

    /// <summary>
    /// The handler every webhook goes through: this connector, a connect timeout, no redirects (one
    /// could lead anywhere), no cookies, small response headers and no draining of bodies nobody reads.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connector = new WebhookConnector(options);
        return new SocketsHttpHandler
        {
            ConnectCallback = connector.ConnectAsync,
            ConnectTimeout = options.ConnectTimeout,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // In KiB: a receiver answers with a status line and a few headers.
            MaxResponseHeadersLength = 16,
            // A body is never read; closing the connection beats reading up to 1 MB to reuse it.
            MaxResponseDrainSize = 0,
        };
    }

    /// <summary>Resolves, judges every address, and connects to the judged ones, in order.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var addresses = await ResolveAsync(host, port, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The addresses of <paramref name="host"/> when the port and every one of them are allowed; otherwise throws <see cref="WebhookTargetRefusedException"/>.</summary>
    public async Task<IPAddress[]> ResolveAsync(string host, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (!ports.Allows(port))
        {
            throw new WebhookTargetRefusedException(string.Create(CultureInfo.InvariantCulture,
                $"Port {port} is not allowed for webhooks (allowed: {ports.Text}); list it in Grid:Alerts:AllowedPorts to allow it."));
        }

        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new WebhookTargetRefusedException($"'{host}' has no addresses.");
        }

        if (!allowSpecialAddresses)
        {
            foreach (var address in addresses)
            {
                if (SpecialPurposeAddresses.Refusal(address) is { } refusal)
                {
                    var which = literal is null ? $"'{host}' resolves to an address that is not public: {refusal}" : refusal;
                    throw new WebhookTargetRefusedException(
                        $"{which}. Webhooks reach public addresses only; set Grid:Alerts:AllowPrivateTargets to true to allow others (a lab, a test).");
                }
            }
        }

        return addresses;
    }
}
