using System.Globalization;
using System.Text;

namespace Grid.Grains.Alerts;

/// <summary>
/// What a webhook URL may look like, and how it is shown. Checked when a subscription is made and
/// again before each attempt; the address it reaches is checked where the connection is made
/// (<see cref="WebhookConnector"/>).
/// </summary>
public static class WebhookUrl
{
    /// <summary>Longer URLs are refused: 2 KB holds any real receiver's address, and nothing stores or logs more.</summary>
    public const int MaxLength = 2048;

    private const string Hidden = "***";

    /// <summary>Null when <paramref name="url"/> may be used; otherwise what is wrong, in words for the user.</summary>
    public static string? Problem(string url, WebhookPorts ports)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(ports);
        if (url.Length > MaxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The URL is {url.Length:N0} characters long; a webhook URL may have at most {MaxLength:N0}.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"'{Redact(url)}' is not an absolute http or https URL.";
        }

        // RFC 3986 §3.2.1: userinfo in a URL is deprecated, and it would be shown and logged with the URL.
        if (uri.UserInfo.Length > 0)
        {
            return "The URL carries credentials (user:password@): leave them out. Grid signs every delivery with the subscription's secret (X-Grid-Signature), which the receiver checks instead.";
        }

        return ports.Allows(uri.Port) ? null
            : string.Create(CultureInfo.InvariantCulture, $"Port {uri.Port} is not allowed for webhooks (allowed: {ports.Text}); use a receiver on one of them, or list the port in Grid:Alerts:AllowedPorts.");
    }

    /// <summary>
    /// The URL as the API and logs show it: scheme, host, port and the first path segment. The rest
    /// of the path and every query value become <c>***</c>, and credentials are dropped: receivers
    /// such as Slack's and Discord's carry their token in the path, others in the query.
    /// </summary>
    public static string Redact(string url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile || uri.HostNameType == UriHostNameType.Unknown)
        {
            return Hidden;
        }

        var shown = new StringBuilder(uri.Scheme).Append("://");
        if (uri.UserInfo.Length > 0)
        {
            shown.Append(Hidden).Append('@');
        }

        shown.Append(uri.Authority);
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length > 0)
        {
            shown.Append('/').Append(segments[0]);
        }

        if (segments.Length > 1)
        {
            shown.Append('/').Append(Hidden);
        }
        else if (uri.AbsolutePath.EndsWith('/') && segments.Length == 1)
        {
            shown.Append('/');
        }

        if (uri.Query.Length > 1)
        {
            var pairs = uri.Query[1..].Split('&').Select(p => p.Split('=', 2) is [var name, _] ? $"{name}={Hidden}" : Hidden);
            shown.Append('?').AppendJoin('&', pairs);
        }

        return shown.ToString();
    }
}
