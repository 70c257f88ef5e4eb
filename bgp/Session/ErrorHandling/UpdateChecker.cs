using System.Buffers.Binary;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;

namespace Grid.Bgp.Session.ErrorHandling;

/// <summary>
/// Checks an UPDATE received on a live session the way RFC 7606 revises RFC 4271 §6.3: most errors
/// cost only the routes of the message (treat-as-withdraw) or a useless attribute (attribute
/// discard); only an UPDATE whose routes cannot be located reliably resets the session. The MRT
/// decoder is lenient on purpose (archives are read as they are); a session must be exact, because
/// what it accepts is what Grid counts. Walks the message once, allocating nothing when it is clean.
/// </summary>
public static class UpdateChecker
{
    /// <param name="body">The UPDATE after its 19-octet header.</param>
    /// <param name="context">The session's AS width and ADD-PATH families.</param>
    /// <param name="externalPeer">An eBGP peer: LOCAL_PREF from it is discarded (RFC 7606 §7.5).</param>
    public static UpdateVerdict Check(ReadOnlySpan<byte> body, in BgpDecodeContext context, bool externalPeer = true)
    {
        var verdict = new VerdictBuilder();

        // RFC 4271 §4.3: an UPDATE is 23 octets at least, its two length fields among them. The
        // framing checks that before a session gets here; a caller that did not gets a reset, not a crash.
        if (body.Length < 4)
        {
            verdict.Reset(UpdateMessageErrorSubcode.MalformedAttributeList,
                $"the UPDATE body has {body.Length} octets, too few for its Withdrawn Routes and Total Path Attribute Lengths (RFC 4271 §4.3)");
            return verdict.Build();
        }

        // RFC 4271 §6.3, kept by RFC 7606 §4: lengths that do not add up to the message hide where
        // the routes are, so nothing in it can be trusted.
        var withdrawnLength = BinaryPrimitives.ReadUInt16BigEndian(body);
        if (2 + withdrawnLength + 2 > body.Length)
        {
            verdict.Reset(UpdateMessageErrorSubcode.MalformedAttributeList,
                $"Withdrawn Routes Length {withdrawnLength} overruns the {body.Length}-octet UPDATE (RFC 4271 §6.3)");
            return verdict.Build();
        }
        var attributesLength = BinaryPrimitives.ReadUInt16BigEndian(body[(2 + withdrawnLength)..]);
        var attributesStart = 4 + withdrawnLength;
        if (attributesStart + attributesLength > body.Length)
        {
            verdict.Reset(UpdateMessageErrorSubcode.MalformedAttributeList,
                $"Total Path Attribute Length {attributesLength} overruns the UPDATE (RFC 4271 §6.3)");
            return verdict.Build();
        }

        var ipv4PathIds = context.HasPathIds(Afi.IPv4, Safi.Unicast);
        NlriSyntax.Check(body.Slice(2, withdrawnLength), 32, ipv4PathIds, "Withdrawn Routes", verdict);
        var nlri = body[(attributesStart + attributesLength)..];
        NlriSyntax.Check(nlri, 32, ipv4PathIds, "NLRI", verdict);
        if (verdict.Resets)
        {
            return verdict.Build();
        }

        var seen = AttributeWalk.Check(body.Slice(attributesStart, attributesLength), context, externalPeer, verdict);
        if (verdict.Resets)
        {
            return verdict.Build();
        }

        // RFC 7606 §3 d: a missing well-known mandatory attribute costs the routes, not the session.
        // NEXT_HOP is needed only for routes in the IPv4 NLRI field (RFC 4760 §3).
        var announces = !nlri.IsEmpty || seen.Has(PathAttributeType.MpReachNlri);
        if (announces && !seen.Overran)
        {
            foreach (var mandatory in (ReadOnlySpan<PathAttributeType>)[PathAttributeType.Origin, PathAttributeType.AsPath])
            {
                if (!seen.Has(mandatory))
                {
                    verdict.Withdraw($"the well-known mandatory attribute {mandatory} is missing (RFC 7606 §3 d)");
                }
            }
            if (!nlri.IsEmpty && !seen.Has(PathAttributeType.NextHop))
            {
                verdict.Withdraw("NEXT_HOP is missing for routes in the NLRI field (RFC 7606 §3 d, RFC 4760 §3)");
            }
        }

        return verdict.Build();
    }
}
