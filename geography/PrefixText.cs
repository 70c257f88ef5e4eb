using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grid.Bgp.Model;

namespace Grid.Geography;

/// <summary>
/// Strict "address/length" parsing for data files. <see cref="IPAddress.TryParse(ReadOnlySpan{char}, out IPAddress?)"/>
/// also takes inet_aton's short forms ("10" is 0.0.0.10), which in a CIDR list are corruption.
/// </summary>
internal static class PrefixText
{
    public static bool TryParse(ReadOnlySpan<char> text, out Prefix prefix)
    {
        prefix = default;
        var slash = text.IndexOf('/');
        if (slash <= 0
            || !IPAddress.TryParse(text[..slash], out var address)
            || !byte.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return false;
        }

        var isIPv4 = address.AddressFamily == AddressFamily.InterNetwork;
        if ((isIPv4 && (text[..slash].Count('.') != 3 || length > 32)) || length > 128)
        {
            return false;
        }

        prefix = Prefix.FromAddress(address, length);
        return true;
    }
}
