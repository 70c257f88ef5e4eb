namespace Grid.Bgp.Messages;

/// <summary>Works out a session's parameters from our OPEN and the peer's, rejecting what RFC 4271 §6.2 says to reject.</summary>
public static class BgpSessionNegotiation
{
    /// <summary>
    /// The session <paramref name="ours"/> and <paramref name="peers"/> agree on. Throws
    /// <see cref="BgpMessageError"/> with the OPEN Message Error to send when the peer's AS is not
    /// <paramref name="expectedPeerAs"/> (Bad Peer AS), its identifier equals ours on an internal
    /// session (Bad BGP Identifier, RFC 6286 §2.2), the hold time is unacceptable, or the peer lacks
    /// one of our capabilities whose codes are in <paramref name="required"/> (Unsupported Capability, RFC 5492 §5).
    /// </summary>
    public static BgpSession Negotiate(BgpOpen ours, BgpOpen peers, uint? expectedPeerAs = null, IReadOnlyCollection<byte>? required = null)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(peers);
        var local = ours.View;
        var remote = peers.View;

        // RFC 6793 §4.1: the 4-octet AS capability's AS counts only when both speakers advertise it.
        var fourOctetAs = local.FourOctetAs is not null && remote.FourOctetAs is not null;
        var peerAs = fourOctetAs ? remote.FourOctetAs!.Value : peers.TwoOctetAsReceived ?? peers.TwoOctetAs;
        if (expectedPeerAs is { } expected && peerAs != expected)
        {
            throw new BgpMessageError(BgpNotification.Open(OpenMessageErrorSubcode.BadPeerAs),
                $"the peer says it is AS {peerAs}, but AS {expected} is configured (RFC 4271 §6.2)");
        }
        if (peerAs == ours.MyAs && peers.BgpIdentifier == ours.BgpIdentifier)
        {
            throw new BgpMessageError(BgpNotification.Open(OpenMessageErrorSubcode.BadBgpIdentifier),
                $"an internal peer uses our own BGP Identifier {peers.BgpIdentifierAddress} (RFC 6286 §2.2)");
        }

        if (required is { Count: > 0 })
        {
            var missing = ours.Capabilities.Where(capability => required.Contains(capability.Code)
                && !peers.Capabilities.Any(theirs => theirs.Code == capability.Code)).ToList();
            if (missing.Count > 0)
            {
                throw new BgpMessageError(BgpNotification.UnsupportedCapability(missing),
                    $"the peer does not advertise {string.Join(", ", missing)}, which this session requires (RFC 5492 §5)");
            }
        }

        // RFC 4271 §4.2: the smaller hold time; it must be 0 or at least 3 seconds.
        var holdTime = Math.Min(ours.HoldTime, peers.HoldTime);
        if (holdTime is 1 or 2)
        {
            throw new BgpMessageError(BgpNotification.Open(OpenMessageErrorSubcode.UnacceptableHoldTime),
                $"the negotiated hold time would be {holdTime} seconds; it must be 0 or at least 3 (RFC 4271 §4.2)");
        }

        // RFC 4760 §8: a family is carried only when both advertise it.
        var families = local.Families.Where(remote.Families.Contains).ToList();

        // RFC 7911 §4: we receive paths for a family where we said Receive and the peer said Send; and vice versa.
        var receive = AddPathFamilies.None;
        var send = AddPathFamilies.None;
        foreach (var family in families)
        {
            if (local.AddPath(family).HasFlag(AddPathDirection.Receive) && remote.AddPath(family).HasFlag(AddPathDirection.Send))
            {
                receive |= family.AddPathFlag;
            }
            if (local.AddPath(family).HasFlag(AddPathDirection.Send) && remote.AddPath(family).HasFlag(AddPathDirection.Receive))
            {
                send |= family.AddPathFlag;
            }
        }

        return new BgpSession(
            peerAs,
            peers.BgpIdentifier,
            holdTime,
            fourOctetAs,
            ExtendedMessage: local.ExtendedMessage && remote.ExtendedMessage,
            RouteRefresh: local.RouteRefresh && remote.RouteRefresh,
            families,
            receive,
            send);
    }
}
