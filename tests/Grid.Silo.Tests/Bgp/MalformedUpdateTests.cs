using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using Grid.Testing.Bgp;
using static Grid.Testing.Mrt.WireBytes;

namespace Grid.Silo.Tests.Bgp;

/// <summary>
/// A test-written neighbor sends malformed messages to a real silo. Where RFC 7606 says the
/// session survives, it does, and every route not named by the bad UPDATE stays counted; where
/// RFC 4271 or RFC 7606 says the session resets, Grid sends the NOTIFICATION they name, closes,
/// and withdraws what the session had brought.
/// </summary>
[Trait("needs", "bgp-daemons")]
public sealed class MalformedUpdateTests(ScriptedPeerLab lab) : IClassFixture<ScriptedPeerLab>
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(20);

    private static readonly byte[] Origin = Attribute(0x40, PathAttributeType.Origin, 0);
    private static readonly byte[] Path = Attribute(0x40, PathAttributeType.AsPath, Sequence(4, ScriptedPeerLab.PeerAsn, 64500));
    private static readonly byte[] NextHop = Attribute(0x40, PathAttributeType.NextHop, Address("198.51.100.1"));
    private static readonly byte[] Mandatory = Join(Origin, Path, NextHop);

    private static byte[] Announce(params string[] prefixes) => UpdateBody([], Mandatory, Nlri(prefixes));

    private static byte[] MpReach(params string[] prefixes) => Attribute(0x90, PathAttributeType.MpReachNlri,
        Join(U16(2), [1, 16], Address("2001:db8::1"), [0], Nlri(prefixes)));

    [Fact]
    public async Task TheSessionSurvivesWhatRfc7606TreatsAsWithdrawOrDiscardAndKeepsEveryOtherRoute()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var token = deadline.Token;
        await using var peer = await EstablishAsync(token);
        // The neighbor's counters run across sessions, and other cases share this silo.
        var malformedBefore = (await lab.Grid.PeerAsync(ScriptedPeerLab.PeerAddress)).GetProperty("malformedUpdates").GetInt64();
        await peer.SendUpdateAsync(Announce("100.64.1.0/24", "100.64.2.0/24", "100.64.3.0/24"), token);
        await peer.SendUpdateAsync(UpdateBody([], Join(Origin, Path, MpReach("2001:db8:1::/48")), []), token);
        await lab.Grid.WaitForCountryAsync((3, 1), Step);

        // Bad ORIGIN: the message's one route is withdrawn (treat-as-withdraw, §7.1); the other two stay.
        await peer.SendUpdateAsync(UpdateBody([], Join(Attribute(0x40, PathAttributeType.Origin, 7), Path, NextHop), Nlri("100.64.2.0/24")), token);
        await lab.Grid.WaitForCountryAsync((2, 1), Step);

        // A route whose UPDATE lacks AS_PATH is not counted (§3 d); nothing else changes.
        await peer.SendUpdateAsync(UpdateBody([], Join(Origin, NextHop), Nlri("100.64.4.0/24")), token);
        // Communities of 3 octets on an IPv6 route: withdrawn (§7.8).
        await peer.SendUpdateAsync(UpdateBody([], Join(Origin, Path, MpReach("2001:db8:1::/48"), Attribute(0xC0, PathAttributeType.Communities, 1, 2, 3)), []), token);
        await lab.Grid.WaitForCountryAsync((2, 0), Step);

        // ATOMIC_AGGREGATE with a value, and a second ORIGIN: the attribute goes, the route counts (§7.6, §3 g).
        await peer.SendUpdateAsync(UpdateBody([], Join(Mandatory, Attribute(0x40, PathAttributeType.AtomicAggregate, 1), Origin), Nlri("100.64.5.0/24")), token);
        await lab.Grid.WaitForCountryAsync((3, 0), Step);

        // Still the first session, and it still works.
        await peer.SendUpdateAsync(Announce("100.64.2.0/24"), token);
        await lab.Grid.WaitForCountryAsync((4, 0), Step);
        var status = await lab.Grid.PeerAsync(ScriptedPeerLab.PeerAddress);
        Assert.Equal("Established", status.GetProperty("state").GetString());
        Assert.Equal(malformedBefore + 4, status.GetProperty("malformedUpdates").GetInt64());
        var sessions = status.GetProperty("sessionsEstablished").GetInt32();

        // A clean withdrawal ends the case with nothing left, so the next case starts from zero.
        await peer.SendUpdateAsync(UpdateBody(Nlri("100.64.1.0/24", "100.64.2.0/24", "100.64.3.0/24", "100.64.5.0/24"), [], []), token);
        await lab.Grid.WaitForCountryAsync((0, 0), Step);
        Assert.Equal(sessions, (await lab.Grid.PeerAsync(ScriptedPeerLab.PeerAddress)).GetProperty("sessionsEstablished").GetInt32());
    }

    public static TheoryData<string, byte[], BgpErrorCode, byte> ResetCases => new()
    {
        { "NLRI prefix /33 (RFC 7606 §5.3)", Message(BgpMessageType.Update, UpdateBody([], Mandatory, [33, 100, 64, 9, 0, 0])), BgpErrorCode.UpdateMessageError, (byte)UpdateMessageErrorSubcode.InvalidNetworkField },
        { "two MP_REACH_NLRI (RFC 7606 §3 g)", Message(BgpMessageType.Update, UpdateBody([], Join(Origin, Path, MpReach("2001:db8:9::/48"), MpReach("2001:db8:8::/48")), [])), BgpErrorCode.UpdateMessageError, (byte)UpdateMessageErrorSubcode.MalformedAttributeList },
        { "Withdrawn Routes Length overruns (RFC 4271 §6.3)", Message(BgpMessageType.Update, Join(U16(300), U16(0))), BgpErrorCode.UpdateMessageError, (byte)UpdateMessageErrorSubcode.MalformedAttributeList },
        { "a marker that is not all ones (RFC 4271 §6.1)", [.. Enumerable.Repeat((byte)0xFF, 15), 0, 0, 19, 4], BgpErrorCode.MessageHeaderError, (byte)MessageHeaderErrorSubcode.ConnectionNotSynchronized },
        { "a length below the header's (RFC 4271 §6.1)", [.. Enumerable.Repeat((byte)0xFF, 16), 0, 18, 4], BgpErrorCode.MessageHeaderError, (byte)MessageHeaderErrorSubcode.BadMessageLength },
        { "an unknown message type (RFC 4271 §6.1)", [.. Enumerable.Repeat((byte)0xFF, 16), 0, 19, 42], BgpErrorCode.MessageHeaderError, (byte)MessageHeaderErrorSubcode.BadMessageType },
        { "an OPEN while Established (RFC 6608 §4)", ScriptedBgpPeer.Open(ScriptedPeerLab.PeerAsn, ScriptedPeerLab.PeerAddress).Encode(), BgpErrorCode.FiniteStateMachineError, 3 },
    };

    [Theory]
    [MemberData(nameof(ResetCases))]
    public async Task AnErrorThatHidesTheRoutesEndsTheSessionWithTheNotificationTheRfcNames(string why, byte[] message, BgpErrorCode code, byte subcode)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var token = deadline.Token;
        await using var peer = await EstablishAsync(token);
        await peer.SendUpdateAsync(Announce("100.64.7.0/24", "100.64.8.0/24"), token);
        await lab.Grid.WaitForCountryAsync((2, 0), Step);

        await peer.SendAsync(message, token);
        var notification = await peer.ReadNotificationAsync(token);
        Assert.True(notification is not null, $"{why}: Grid closed without a NOTIFICATION");
        Assert.Equal((why, code, subcode), (why, notification.Code, notification.Subcode));
        Assert.True(await peer.ClosedAsync(token), $"{why}: the connection stays open");
        // RFC 4271 §8.2.2: the session's routes go with it.
        await lab.Grid.WaitForCountryAsync((0, 0), Step);
    }

    [Fact]
    public async Task ANeighborThatFallsSilentIsSentHoldTimerExpired()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        // A hold time of 3 s, the least allowed (RFC 4271 §4.2); the peer never sends KEEPALIVEs.
        await using var peer = await EstablishAsync(deadline.Token, holdTime: 3);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var notification = await peer.ReadNotificationAsync(deadline.Token);
        Assert.Equal(BgpErrorCode.HoldTimerExpired, notification?.Code);
        Assert.InRange(clock.Elapsed.TotalSeconds, 2.5, 15);
    }

    [Fact]
    public async Task AnOpenWithTheWrongAsIsRefusedWithBadPeerAs()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var peer = await ScriptedBgpPeer.ConnectAsync(lab.Lab.Namespace, ScriptedPeerLab.PeerAddress, lab.GridEndpoint,
            ScriptedBgpPeer.Open(64999, ScriptedPeerLab.PeerAddress), deadline.Token);
        var notification = await peer.ReadNotificationAsync(deadline.Token);
        Assert.Equal((BgpErrorCode.OpenMessageError, (byte)OpenMessageErrorSubcode.BadPeerAs), (notification?.Code, notification?.Subcode));
    }

    private async Task<ScriptedBgpPeer> EstablishAsync(CancellationToken token, ushort holdTime = 90)
    {
        // After a reset Grid is back in Active at once (the neighbor is passive-configured); a
        // connection that races its clean-up is retried.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await ScriptedBgpPeer.EstablishAsync(lab.Lab.Namespace, ScriptedPeerLab.PeerAddress, lab.GridEndpoint,
                    ScriptedBgpPeer.Open(ScriptedPeerLab.PeerAsn, ScriptedPeerLab.PeerAddress, holdTime), token);
            }
            catch (Exception e) when (attempt < 20 && e is InvalidOperationException or EndOfStreamException or System.Net.Sockets.SocketException)
            {
                await Task.Delay(100, token);
            }
        }
    }
}
