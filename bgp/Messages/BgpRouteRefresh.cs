using System.Buffers.Binary;
using Grid.Bgp.Model;

namespace Grid.Bgp.Messages;

/// <summary>
/// A ROUTE-REFRESH message (RFC 2918 §3): asks the peer to resend one family's routes. Enhanced
/// Route Refresh (RFC 7313 §3) uses the reserved octet to mark the refresh's beginning and end.
/// </summary>
public sealed record BgpRouteRefresh(BgpFamily Family, BgpRouteRefreshSubtype Subtype = BgpRouteRefreshSubtype.Request)
{
    /// <summary>AFI (2), reserved/subtype (1), SAFI (1).</summary>
    public const int BodyLength = 4;

    /// <summary>RFC 7313 §5: the only ROUTE-REFRESH Message Error subcode.</summary>
    private const byte InvalidMessageLength = 1;

    public byte[] EncodeBody()
    {
        var body = new byte[BodyLength];
        BinaryPrimitives.WriteUInt16BigEndian(body, (ushort)Family.Afi);
        body[2] = (byte)Subtype;
        body[3] = (byte)Family.Safi;
        return body;
    }

    public byte[] Encode() => BgpMessageFraming.Encode(BgpMessageType.RouteRefresh, EncodeBody());

    /// <summary>
    /// Decodes a ROUTE-REFRESH body. Any length but 4 is a ROUTE-REFRESH Message Error/Invalid
    /// Message Length carrying the whole message (RFC 7313 §5).
    /// </summary>
    public static BgpRouteRefresh Decode(ReadOnlySpan<byte> body)
    {
        if (body.Length != BodyLength)
        {
            var message = BgpMessageFraming.Encode(BgpMessageType.RouteRefresh, body, BgpMessageFraming.MaxExtendedLength);
            throw new BgpMessageError(new BgpNotification(BgpErrorCode.RouteRefreshMessageError, InvalidMessageLength, message),
                $"a ROUTE-REFRESH body of {body.Length} octets, not {BodyLength} (RFC 7313 §5)");
        }
        return new BgpRouteRefresh(new BgpFamily((Afi)BinaryPrimitives.ReadUInt16BigEndian(body), (Safi)body[3]), (BgpRouteRefreshSubtype)body[2]);
    }
}
