using System.Net;
using System.Net.Sockets;

namespace Grid.Grains.Alerts;

/// <summary>
/// Decides whether a webhook URL may be called: http or https, and (unless private targets are
/// allowed) a host whose every address is public. Checked when a subscription is made and again
/// before each attempt, since DNS can change in between (rebinding).
/// </summary>
public static class WebhookTarget
{
    /// <summary>Null when <paramref name="url"/> may be called; otherwise what is wrong, in words for the user.</summary>
    public static async Task<string?> CheckAsync(string url, bool allowPrivate, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"'{url}' is not an absolute http or https URL.";
        }

        if (allowPrivate)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.DnsSafeHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.DnsSafeHost, cancellationToken);
        }
        catch (SocketException ex)
        {
            return $"'{uri.Host}' does not resolve ({ex.SocketErrorCode}).";
        }

        var inner = addresses.FirstOrDefault(IsPrivate);
        return addresses.Length == 0 ? $"'{uri.Host}' has no addresses."
            : inner is not null ? $"'{uri.Host}' resolves to {inner}, a loopback, private or link-local address; set Grid:Alerts:AllowPrivateTargets to true to allow it."
            : null;
    }

    /// <summary>Loopback, unspecified, RFC 1918, RFC 6598 shared, link-local, and IPv6 unique-local addresses.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || (first & 0xFE) == 0xFC;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 0
            || (b[0] == 172 && (b[1] & 0xF0) == 16)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && (b[1] & 0xC0) == 64);
    }
}
