using System.Buffers.Binary;
using Grid.Bgp.Model;

namespace Grid.Bgp.Messages;

/// <summary>
/// An OPEN message (RFC 4271 §4.2). <see cref="MyAs"/> is the real AS: the 4-octet AS capability's
/// when present (RFC 6793 §3), the fixed field otherwise; encoding writes AS_TRANS in the fixed
/// field for an AS above 65535. Capabilities are the only optional parameter (RFC 5492 §4).
/// </summary>
public sealed record BgpOpen(uint MyAs, ushort HoldTime, uint BgpIdentifier, IReadOnlyList<BgpCapability> Capabilities)
{
    public const byte CurrentVersion = 4;

    /// <summary>RFC 6793 §9: the 2-octet stand-in for a 4-octet AS.</summary>
    public const ushort AsTrans = 23456;

    /// <summary>Version (1), My AS (2), Hold Time (2), BGP Identifier (4), Opt. Parm. Len. (1).</summary>
    private const int FixedLength = 10;

    private const byte CapabilitiesParameter = 2;

    /// <summary>RFC 9072 §2: Non-Ext OP Type 255 marks extended optional parameters.</summary>
    private const byte ExtendedParametersMarker = 255;

    public byte Version { get; init; } = CurrentVersion;

    /// <summary>The My Autonomous System field as it is on the wire (AS_TRANS for a large AS).</summary>
    public ushort TwoOctetAs => MyAs > ushort.MaxValue ? AsTrans : (ushort)MyAs;

    /// <summary>The capabilities read (built on each call; keep it when reading several).</summary>
    public BgpCapabilities View => new(Capabilities);

    /// <summary>The fixed My AS field as decoded; null for an OPEN built here, which writes <see cref="TwoOctetAs"/>.</summary>
    public ushort? TwoOctetAsReceived { get; init; }

    public IPAddressValue BgpIdentifierAddress => IPAddressValue.IPv4(BgpIdentifier);

    /// <summary>The OPEN body. Capabilities go in one Capabilities parameter; past 255 octets, in RFC 9072 extended form.</summary>
    public byte[] EncodeBody()
    {
        var view = View;
        if (MyAs > ushort.MaxValue && view.FourOctetAs != MyAs)
        {
            throw new InvalidOperationException($"AS {MyAs} needs the 4-octet AS capability with the same AS (RFC 6793 §3): add BgpCapability.FourOctetAs({MyAs})");
        }
        var capabilities = new List<byte>();
        foreach (var capability in Capabilities)
        {
            if (capability.Value.Length > byte.MaxValue)
            {
                throw new InvalidOperationException($"capability {capability.Code} has {capability.Value.Length} octets; RFC 5492 §4 allows 255");
            }
            capabilities.Add(capability.Code);
            capabilities.Add((byte)capability.Value.Length);
            capabilities.AddRange(capability.Value);
        }
        var extended = capabilities.Count + 2 > byte.MaxValue;
        var parameterHeader = extended ? 3 : 2;
        var parametersLength = capabilities.Count == 0 ? 0 : parameterHeader + capabilities.Count;
        var body = new byte[FixedLength + (extended ? 3 : 0) + parametersLength];
        body[0] = Version;
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(1), TwoOctetAs);
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(3), HoldTime);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(5), BgpIdentifier);
        var position = FixedLength;
        if (extended)
        {
            // RFC 9072 §2: Opt. Parm. Len. 255, Non-Ext OP Type 255, then a 2-octet length; parameters get 2-octet lengths.
            body[9] = ExtendedParametersMarker;
            body[10] = ExtendedParametersMarker;
            BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(11), (ushort)parametersLength);
            position += 3;
            body[position] = CapabilitiesParameter;
            BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(position + 1), (ushort)capabilities.Count);
        }
        else if (parametersLength > 0)
        {
            body[9] = (byte)parametersLength;
            body[position] = CapabilitiesParameter;
            body[position + 1] = (byte)capabilities.Count;
        }
        if (parametersLength > 0)
        {
            capabilities.CopyTo(body, position + parameterHeader);
        }
        return body;
    }

    public byte[] Encode() => BgpMessageFraming.Encode(BgpMessageType.Open, EncodeBody());

    /// <summary>
    /// Decodes an OPEN body and checks what RFC 4271 §6.2 lets the message alone decide: version,
    /// hold time, identifier, AS 0 (RFC 7607), and the parameters' framing. Whether the AS is the
    /// one expected is for <see cref="BgpSessionNegotiation"/>.
    /// </summary>
    public static BgpOpen Decode(ReadOnlySpan<byte> body)
    {
        if (body.Length < FixedLength)
        {
            throw new BgpMessageError(BgpNotification.BadMessageLength((ushort)(body.Length + BgpMessageHeader.Size)),
                $"an OPEN body of {body.Length} octets is shorter than its {FixedLength} fixed octets (RFC 4271 §4.2)");
        }
        if (body[0] != CurrentVersion)
        {
            throw new BgpMessageError(BgpNotification.Open(OpenMessageErrorSubcode.UnsupportedVersionNumber, [0, CurrentVersion]),
                $"the peer speaks BGP version {body[0]}; this speaker only version {CurrentVersion} (RFC 4271 §6.2)");
        }
        var twoOctetAs = BinaryPrimitives.ReadUInt16BigEndian(body[1..]);
        var holdTime = BinaryPrimitives.ReadUInt16BigEndian(body[3..]);
        var identifier = BinaryPrimitives.ReadUInt32BigEndian(body[5..]);
        if (holdTime is 1 or 2)
        {
            throw new BgpMessageError(BgpNotification.Open(OpenMessageErrorSubcode.UnacceptableHoldTime),
                $"a hold time of {holdTime} seconds; it must be 0 or at least 3 (RFC 4271 §4.2)");
        }
        if (identifier == 0)
        {
            throw new BgpMessageError(BgpNotification.Open(OpenMessageErrorSubcode.BadBgpIdentifier),
                "the BGP Identifier is 0 (RFC 6286 §2.2)");
        }
        var capabilities = DecodeParameters(body[9..]);
        var open = new BgpOpen(twoOctetAs, holdTime, identifier, capabilities);
        var myAs = open.View.FourOctetAs ?? twoOctetAs;
        if (myAs == 0 || twoOctetAs == 0)
        {
            throw new BgpMessageError(BgpNotification.Open(OpenMessageErrorSubcode.BadPeerAs), "the peer's AS is 0 (RFC 7607 §2)");
        }
        return open with { MyAs = myAs, TwoOctetAsReceived = twoOctetAs };
    }

    /// <summary>Optional parameters from the Opt. Parm. Len. octet on (RFC 4271 §4.2; RFC 9072 §2).</summary>
    private static List<BgpCapability> DecodeParameters(ReadOnlySpan<byte> data)
    {
        int length = data[0];
        var position = 1;
        var lengthSize = 1;
        if (length == ExtendedParametersMarker && data.Length > 1 && data[1] == ExtendedParametersMarker)
        {
            if (data.Length < 4)
            {
                throw Malformed("the OPEN ends inside its RFC 9072 extended optional parameters length");
            }
            length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
            position = 4;
            lengthSize = 2;
        }
        if (length != data.Length - position)
        {
            throw Malformed($"Optional Parameters Length {length} but {data.Length - position} octets follow (RFC 4271 §4.2)");
        }
        var capabilities = new List<BgpCapability>();
        var parameters = data[position..];
        while (!parameters.IsEmpty)
        {
            if (parameters.Length < 1 + lengthSize)
            {
                throw Malformed("an optional parameter is cut short (RFC 4271 §4.2)");
            }
            var type = parameters[0];
            var parameterLength = lengthSize == 1 ? parameters[1] : BinaryPrimitives.ReadUInt16BigEndian(parameters[1..]);
            var value = parameters[(1 + lengthSize)..];
            if (parameterLength > value.Length)
            {
                throw Malformed($"optional parameter {type} claims {parameterLength} octets but {value.Length} remain (RFC 4271 §4.2)");
            }
            if (type != CapabilitiesParameter)
            {
                throw new BgpMessageError(BgpNotification.Open(OpenMessageErrorSubcode.UnsupportedOptionalParameter),
                    $"optional parameter type {type} is not Capabilities (2) (RFC 4271 §6.2)");
            }
            DecodeCapabilities(value[..parameterLength], capabilities);
            parameters = value[parameterLength..];
        }
        return capabilities;
    }

    /// <summary>A Capabilities parameter holds one or more (code, length, value) triples (RFC 5492 §4).</summary>
    private static void DecodeCapabilities(ReadOnlySpan<byte> data, List<BgpCapability> into)
    {
        while (!data.IsEmpty)
        {
            if (data.Length < 2 || data[1] > data.Length - 2)
            {
                throw Malformed($"a capability overruns its Capabilities parameter ({data.Length} octets left) (RFC 5492 §4)");
            }
            var capability = new BgpCapability(data[0], data.Slice(2, data[1]).ToArray());
            if (capability.Problem is { } problem)
            {
                throw Malformed(problem);
            }
            into.Add(capability);
            data = data[(2 + data[1])..];
        }
    }

    private static BgpMessageError Malformed(string reason) =>
        new(BgpNotification.Open(OpenMessageErrorSubcode.Unspecific), reason);
}
