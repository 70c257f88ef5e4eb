using System.Globalization;
using System.Net;
using Grid.Bgp.Session;
using Grid.Grains.Visibility;
using Grid.Silo.Feeds.Live;

namespace Grid.Silo.Feeds.Bgp;

/// <summary>Turns <c>Grid:Bgp</c> into the speaker's options, with errors that name the key to fix.</summary>
internal static class BgpFeedConfiguration
{
    public static BgpSpeakerOptions Speaker(BgpFeedOptions options)
    {
        IPEndPoint? listen = null;
        if (!string.IsNullOrWhiteSpace(options.Listen) && !IPEndPoint.TryParse(options.Listen, out listen))
        {
            throw new InvalidOperationException($"Grid:Bgp:Listen is \"{options.Listen}\": write address:port, e.g. 127.0.0.1:1179 or [::]:179.");
        }
        if (listen is { Port: 0 } && !options.Listen!.EndsWith(":0", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Grid:Bgp:Listen is \"{options.Listen}\" without a port: write address:port, e.g. 127.0.0.1:1179.");
        }
        if (options.LocalAs == 0)
        {
            throw new InvalidOperationException("Grid:Bgp:LocalAs is not set: give Grid's AS number (a private one such as 64512 is fine for a receive-only collector).");
        }
        if (!IPAddress.TryParse(options.RouterId, out var routerId) || routerId.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            throw new InvalidOperationException($"Grid:Bgp:RouterId is \"{options.RouterId}\": write the BGP Identifier as an IPv4 address, e.g. 192.0.2.1 (RFC 6286).");
        }
        if (options.OpenWait <= TimeSpan.Zero || options.MaxPrefixesPerPeer < 1)
        {
            throw new InvalidOperationException("Grid:Bgp:OpenWait must be positive (e.g. 00:04:00) and Grid:Bgp:MaxPrefixesPerPeer at least 1.");
        }
        var bytes = routerId.GetAddressBytes();
        return new BgpSpeakerOptions
        {
            Listen = listen,
            LocalAs = options.LocalAs,
            RouterId = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]),
            HoldTime = options.HoldTime,
            ConnectRetry = options.ConnectRetry,
            MaxConnectRetry = options.MaxConnectRetry,
            OpenWait = options.OpenWait,
        };
    }

    public static IReadOnlyList<(BgpPeerOptions Peer, FullFeedMode Mode)> Peers(BgpFeedOptions options) =>
        [.. options.Peers.Select((peer, index) => Peer(peer, index))];

    private static (BgpPeerOptions, FullFeedMode) Peer(BgpFeedPeer peer, int index)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"Grid:Bgp:Peers:{index}");
        if (!IPAddress.TryParse(peer.Address, out var address))
        {
            throw new InvalidOperationException($"{key}:Address is \"{peer.Address}\": write the neighbor's IP address.");
        }
        if (peer.As == 0)
        {
            throw new InvalidOperationException($"{key}:As is not set: give the neighbor's AS number; its OPEN must carry it (RFC 4271 §6.2).");
        }
        var mode = FullFeedSetting.Parse(peer.FullFeed, $"{key}:FullFeed");
        return (new BgpPeerOptions(address, peer.As) { Passive = peer.Passive, Port = peer.Port }, mode);
    }
}
