using System.Buffers.Binary;
using System.Text;
using Grid.Bgp.Model;

namespace Grid.Bgp.Messages;

/// <summary>
/// A NOTIFICATION message (RFC 4271 §4.5): error code, subcode and data. Sending one closes the
/// session; the factories name the cases RFC 4271 §6 and RFC 4486 prescribe.
/// </summary>
public sealed record BgpNotification(BgpErrorCode Code, byte Subcode, byte[] Data)
{
    /// <summary>RFC 9003 §2 raised the shutdown communication's limit from 128 (RFC 8203) to 255 octets of UTF-8.</summary>
    public const int MaxShutdownCommunicationLength = 255;

    /// <summary>Minimum body: error code and subcode (RFC 4271 §4.5).</summary>
    public const int MinBodyLength = 2;

    public BgpNotification(BgpErrorCode code, byte subcode)
        : this(code, subcode, [])
    {
    }

    public static BgpNotification MessageHeader(MessageHeaderErrorSubcode subcode, byte[]? data = null) =>
        new(BgpErrorCode.MessageHeaderError, (byte)subcode, data ?? []);

    public static BgpNotification Open(OpenMessageErrorSubcode subcode, byte[]? data = null) =>
        new(BgpErrorCode.OpenMessageError, (byte)subcode, data ?? []);

    public static BgpNotification Update(UpdateMessageErrorSubcode subcode, byte[]? data = null) =>
        new(BgpErrorCode.UpdateMessageError, (byte)subcode, data ?? []);

    public static BgpNotification Cease(CeaseSubcode subcode, byte[]? data = null) =>
        new(BgpErrorCode.Cease, (byte)subcode, data ?? []);

    /// <summary>RFC 4271 §6.5: subcode 0, no data.</summary>
    /// <summary>Finite State Machine Error naming the unexpected message's type (RFC 6608 §4).</summary>
    public static BgpNotification FiniteStateMachine(byte subcode, BgpMessageType unexpected) =>
        new(BgpErrorCode.FiniteStateMachineError, subcode, [(byte)unexpected]);

    public static BgpNotification HoldTimerExpired() => new(BgpErrorCode.HoldTimerExpired, 0);

    /// <summary>Bad Message Length carries the erroneous Length field (RFC 4271 §6.1).</summary>
    public static BgpNotification BadMessageLength(ushort length)
    {
        var data = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(data, length);
        return MessageHeader(MessageHeaderErrorSubcode.BadMessageLength, data);
    }

    /// <summary>Unsupported Capability lists the capabilities at fault, each as code, length, value (RFC 5492 §5).</summary>
    public static BgpNotification UnsupportedCapability(IEnumerable<BgpCapability> capabilities) =>
        Open(OpenMessageErrorSubcode.UnsupportedCapability, [.. capabilities.SelectMany(capability => capability.Encode())]);

    /// <summary>
    /// Cease/Maximum Number of Prefixes Reached (RFC 4486 §4): the data names the family, as AFI
    /// (2 octets) and SAFI (1 octet), and the upper bound (4 octets) the peer went past.
    /// </summary>
    public static BgpNotification MaximumPrefixesReached(BgpFamily family, uint upperBound)
    {
        var data = new byte[7];
        BinaryPrimitives.WriteUInt16BigEndian(data, (ushort)family.Afi);
        data[2] = (byte)family.Safi;
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(3), upperBound);
        return Cease(CeaseSubcode.MaximumNumberOfPrefixesReached, data);
    }

    /// <summary>Cease/Administrative Shutdown with a shutdown communication (RFC 8203 §2, RFC 9003 §2): a length octet, then UTF-8.</summary>
    public static BgpNotification AdministrativeShutdown(string communication) =>
        Cease(CeaseSubcode.AdministrativeShutdown, ShutdownCommunication(communication));

    /// <summary>Cease/Administrative Reset with a shutdown communication (RFC 8203 §3).</summary>
    public static BgpNotification AdministrativeReset(string communication) =>
        Cease(CeaseSubcode.AdministrativeReset, ShutdownCommunication(communication));

    public string Description => Code switch
    {
        BgpErrorCode.MessageHeaderError => $"Message Header Error/{(MessageHeaderErrorSubcode)Subcode}",
        BgpErrorCode.OpenMessageError => $"OPEN Message Error/{(OpenMessageErrorSubcode)Subcode}",
        BgpErrorCode.UpdateMessageError => $"UPDATE Message Error/{(UpdateMessageErrorSubcode)Subcode}",
        BgpErrorCode.Cease => $"Cease/{(CeaseSubcode)Subcode}",
        _ => $"{Code}/{Subcode}",
    };

    /// <summary>
    /// The shutdown communication of Cease subcodes 2 and 4 (RFC 8203 §2); false when there is none
    /// or its length octet overruns the data (RFC 8203 §4 says to log the data raw then).
    /// </summary>
    public bool TryGetShutdownCommunication(out string communication)
    {
        communication = "";
        if (Code != BgpErrorCode.Cease || Subcode is not ((byte)CeaseSubcode.AdministrativeShutdown or (byte)CeaseSubcode.AdministrativeReset)
            || Data.Length == 0 || Data[0] > Data.Length - 1)
        {
            return false;
        }
        communication = Encoding.UTF8.GetString(Data, 1, Data[0]);
        return true;
    }

    /// <summary>The NOTIFICATION body (after the 19-octet header).</summary>
    public byte[] EncodeBody()
    {
        var body = new byte[MinBodyLength + Data.Length];
        body[0] = (byte)Code;
        body[1] = Subcode;
        Data.CopyTo(body, MinBodyLength);
        return body;
    }

    /// <summary>The whole message, header included. Data is cut to fit <paramref name="maxLength"/> (RFC 8654 §4 allows that for NOTIFICATION).</summary>
    public byte[] Encode(int maxLength = BgpMessageFraming.MaxLength)
    {
        var body = EncodeBody();
        var fits = Math.Min(body.Length, maxLength - BgpMessageHeader.Size);
        return BgpMessageFraming.Encode(BgpMessageType.Notification, body.AsSpan(0, fits), maxLength);
    }

    /// <summary>Decodes a NOTIFICATION body; the framing has already checked it holds at least 2 octets.</summary>
    public static BgpNotification Decode(ReadOnlySpan<byte> body)
    {
        if (body.Length < MinBodyLength)
        {
            throw new BgpMessageError(BadMessageLength((ushort)(body.Length + BgpMessageHeader.Size)),
                $"a NOTIFICATION body of {body.Length} octets has no room for its error code and subcode (RFC 4271 §4.5)");
        }
        return new BgpNotification((BgpErrorCode)body[0], body[1], body[MinBodyLength..].ToArray());
    }

    private static byte[] ShutdownCommunication(string communication)
    {
        var text = Encoding.UTF8.GetBytes(communication);
        if (text.Length > MaxShutdownCommunicationLength)
        {
            throw new ArgumentException(
                $"the shutdown communication is {text.Length} octets of UTF-8; RFC 9003 §2 allows {MaxShutdownCommunicationLength}: shorten it",
                nameof(communication));
        }
        var data = new byte[1 + text.Length];
        data[0] = (byte)text.Length;
        text.CopyTo(data, 1);
        return data;
    }
}
