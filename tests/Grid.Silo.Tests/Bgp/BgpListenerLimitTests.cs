using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using Grid.Testing.Bgp;
using Grid.Testing.Lab;
using Grid.Testing.Silo;
using static Grid.Testing.Mrt.WireBytes;

namespace Grid.Silo.Tests.Bgp;

/// <summary>
/// The BGP listener's doors, against real sockets in a lab namespace: a host that is not a
/// configured neighbor is refused with Cease/Connection Rejected at once; a neighbor's connection
/// that sends no OPEN is closed after Grid:Bgp:OpenWait with Hold Timer Expired (RFC 4271 §8.2.2);
/// a neighbor that sends more prefixes than Grid:Bgp:MaxPrefixesPerPeer gets Cease/Maximum Number
/// of Prefixes Reached (RFC 4486 §4) and loses its routes.
/// </summary>
[Trait("needs", "namespaces")]
public sealed class BgpListenerLimitTests
{
    private const uint NeighborAsn = 65002;
    private static readonly IPAddress Neighbor = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Stranger = IPAddress.Parse("127.0.0.3");
    private static readonly IPEndPoint Grid = new(LabSilo.Address, LabSilo.Port);

    [Fact]
    public async Task StrangersSilentNeighborsAndNeighborsPastThePrefixCapAreClosed()
    {
        await using var lab = await BgpLab.CreateAsync();
        await using var grid = await LabSilo.StartAsync(lab, [new LabSiloPeer(Neighbor, NeighborAsn)], new Dictionary<string, string?>
        {
            ["Grid__Bgp__OpenWait"] = "00:00:02",
            ["Grid__Bgp__MaxPrefixesPerPeer"] = "300",
        });
        await grid.WaitForPeerAsync(Neighbor, p => p.GetProperty("state").GetString() == "Active", "waiting for the neighbor", TimeSpan.FromSeconds(60));

        // A stranger: a NOTIFICATION and the close, before anything it could send is read.
        var clock = Stopwatch.StartNew();
        var (strangerMessages, strangerClosed) = await ReadUntilClosedAsync(lab, Stranger, TimeSpan.FromSeconds(1));
        Assert.True(strangerClosed, $"a host that is not a neighbor was still connected after {clock.Elapsed.TotalSeconds:0.0} s");
        var rejected = BgpNotification.Decode(strangerMessages.Single(m => m.Type == BgpMessageType.Notification).Body);
        Assert.Equal((BgpErrorCode.Cease, (byte)CeaseSubcode.ConnectionRejected), (rejected.Code, rejected.Subcode));

        // The neighbor's address, but no OPEN: Grid's OPEN, then Hold Timer Expired after OpenWait.
        clock.Restart();
        var (silentMessages, silentClosed) = await ReadUntilClosedAsync(lab, Neighbor, TimeSpan.FromSeconds(15));
        Assert.True(silentClosed, "a neighbor's connection without an OPEN was still open after 15 s");
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(1.5), $"closed after {clock.Elapsed.TotalSeconds:0.0} s, before its 2 s for an OPEN");
        Assert.Equal(BgpMessageType.Open, silentMessages[0].Type);
        Assert.Equal(BgpErrorCode.HoldTimerExpired, BgpNotification.Decode(silentMessages[^1].Body).Code);

        // 400 prefixes, past the cap of 300: Cease/Maximum Number of Prefixes Reached naming IPv4 unicast and 300.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await grid.WaitForPeerAsync(Neighbor, p => p.GetProperty("state").GetString() == "Active", "waiting for the neighbor again", TimeSpan.FromSeconds(30));
        await using var peer = await ScriptedBgpPeer.EstablishAsync(lab.Namespace, Neighbor, Grid, ScriptedBgpPeer.Open(NeighborAsn, Neighbor), timeout.Token);
        var mandatory = Join(
            Attribute(0x40, PathAttributeType.Origin, 0),
            Attribute(0x40, PathAttributeType.AsPath, Sequence(4, NeighborAsn, 64500)),
            Attribute(0x40, PathAttributeType.NextHop, Address("198.51.100.1")));
        foreach (var chunk in Enumerable.Range(0, 400).Select(i => $"100.{64 + (i / 256)}.{i % 256}.0/24").Chunk(100))
        {
            await peer.SendUpdateAsync(UpdateBody([], mandatory, Nlri(chunk)), timeout.Token);
        }
        var cease = await peer.ReadNotificationAsync(timeout.Token);
        Assert.NotNull(cease);
        Assert.Equal((BgpErrorCode.Cease, (byte)CeaseSubcode.MaximumNumberOfPrefixesReached), (cease.Code, cease.Subcode));
        Assert.Equal([0, 1, 1], cease.Data[..3]);
        Assert.Equal(300u, BinaryPrimitives.ReadUInt32BigEndian(cease.Data.AsSpan(3)));
        // The routes go before the session's state changes: wait for both, not a snapshot between them.
        await grid.WaitForPeerAsync(Neighbor, p => p.GetProperty("prefixes").GetProperty("ipv4").GetInt64() == 0
            && p.GetProperty("lastError").GetString()?.Contains("MaxPrefixesPerPeer", StringComparison.Ordinal) == true
            && p.GetProperty("state").GetString() != "Established", "withdrawn for its size, and the session down", TimeSpan.FromSeconds(30));
    }

    /// <summary>Connects from <paramref name="from"/>, sends nothing, and reads every message until Grid closes or <paramref name="within"/> passes.</summary>
    private static async Task<(List<(BgpMessageType Type, byte[] Body)> Messages, bool Closed)> ReadUntilClosedAsync(BgpLab lab, IPAddress from, TimeSpan within)
    {
        using var socket = await lab.Namespace.ConnectTcpAsync(from, Grid);
        using var timeout = new CancellationTokenSource(within);
        var received = new List<byte>();
        var buffer = new byte[4096];
        var closed = false;
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
            {
                received.AddRange(buffer.AsSpan(0, read));
            }
            closed = true;
        }
        catch (SocketException)
        {
            closed = true;
        }
        catch (OperationCanceledException)
        {
        }

        var messages = new List<(BgpMessageType, byte[])>();
        var octets = received.ToArray();
        for (var at = 0; at + BgpMessageHeader.Size <= octets.Length;)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(octets.AsSpan(at + 16));
            messages.Add(((BgpMessageType)octets[at + 18], octets[(at + BgpMessageHeader.Size)..(at + length)]));
            at += length;
        }
        return (messages, closed);
    }
}
