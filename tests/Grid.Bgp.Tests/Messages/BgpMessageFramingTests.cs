using Grid.Bgp.Messages;
using Grid.Bgp.Model;

namespace Grid.Bgp.Tests.Messages;

/// <summary>Message framing (RFC 4271 §4.1, §6.1) and Extended Messages (RFC 8654).</summary>
public sealed class BgpMessageFramingTests
{
    private static readonly string Marker = new('F', 32);

    internal static void AssertNotification(Action decode, BgpErrorCode code, byte subcode, string? dataHex = null)
    {
        var error = Assert.Throws<BgpMessageError>(decode);
        Assert.Equal(code, error.Notification.Code);
        Assert.Equal(subcode, error.Notification.Subcode);
        if (dataHex is not null)
        {
            Assert.Equal(dataHex, Convert.ToHexString(error.Notification.Data));
        }
    }

    private static byte[] Message(int length, byte type, int bodyLength) =>
        Convert.FromHexString(Marker + length.ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + type.ToString("X2", System.Globalization.CultureInfo.InvariantCulture) + new string('0', 2 * bodyLength));

    [Fact]
    public void AKeepaliveIsTheNineteenOctetHeaderAlone()
    {
        var keepalive = BgpMessageFraming.EncodeKeepalive();

        Assert.Equal(Marker + "001304", Convert.ToHexString(keepalive));
        var body = BgpMessageFraming.Decode(keepalive, out var header);
        Assert.Equal(new BgpMessageHeader(19, BgpMessageType.Keepalive), header);
        Assert.True(body.IsEmpty);
    }

    [Fact]
    public void DecodingReturnsTheBodyAndIgnoresWhatFollowsTheMessage()
    {
        var message = BgpMessageFraming.Encode(BgpMessageType.Update, [0, 0, 0, 0]);
        var buffer = message.Concat(BgpMessageFraming.EncodeKeepalive()).ToArray();

        var body = BgpMessageFraming.Decode(buffer, out var header);

        Assert.Equal(23, header.Length);
        Assert.Equal("00000000", Convert.ToHexString(body));
    }

    [Fact]
    public void ABrokenMarkerMeansConnectionNotSynchronized()
    {
        var message = BgpMessageFraming.EncodeKeepalive();
        message[3] = 0xFE;

        AssertNotification(() => BgpMessageFraming.Decode(message, out _), BgpErrorCode.MessageHeaderError,
            (byte)MessageHeaderErrorSubcode.ConnectionNotSynchronized, "");
    }

    [Theory]
    [InlineData(18, 4, "0012")]
    [InlineData(20, 4, "0014")] // a KEEPALIVE is exactly 19 octets (RFC 4271 §4.4)
    [InlineData(28, 1, "001C")] // an OPEN has at least 29 (RFC 4271 §4.2)
    [InlineData(22, 2, "0016")] // an UPDATE at least 23 (RFC 4271 §4.3)
    [InlineData(20, 3, "0014")] // a NOTIFICATION at least 21 (RFC 4271 §4.5)
    [InlineData(4097, 2, "1001")] // 4096 at most without Extended Messages
    public void ABadLengthIsReportedWithTheLengthAsData(int length, byte type, string data)
    {
        var message = Message(length, type, Math.Max(0, length - 19));

        AssertNotification(() => BgpMessageFraming.Decode(message, out _), BgpErrorCode.MessageHeaderError,
            (byte)MessageHeaderErrorSubcode.BadMessageLength, data);
    }

    [Fact]
    public void ExtendedMessagesAllowLongUpdatesButNotLongOpens()
    {
        var update = Message(5000, 2, 5000 - 19);
        var open = Message(5000, 1, 5000 - 19);

        Assert.Equal(5000 - 19, BgpMessageFraming.Decode(update, out _, extendedMessage: true).Length);
        AssertNotification(() => BgpMessageFraming.Decode(update, out _), BgpErrorCode.MessageHeaderError,
            (byte)MessageHeaderErrorSubcode.BadMessageLength, "1388");
        AssertNotification(() => BgpMessageFraming.Decode(open, out _, extendedMessage: true), BgpErrorCode.MessageHeaderError,
            (byte)MessageHeaderErrorSubcode.BadMessageLength, "1388");
    }

    [Fact]
    public void AnUnknownTypeIsABadMessageTypeWithTheTypeAsData()
    {
        AssertNotification(() => BgpMessageFraming.Decode(Message(19, 9, 0), out _), BgpErrorCode.MessageHeaderError,
            (byte)MessageHeaderErrorSubcode.BadMessageType, "09");
    }

    [Fact]
    public void EncodingRefusesMessagesOverTheNegotiatedLimit()
    {
        var body = new byte[65535 - 19];

        Assert.Throws<ArgumentException>(() => BgpMessageFraming.Encode(BgpMessageType.Update, body));
        Assert.Equal(65535, BgpMessageFraming.Encode(BgpMessageType.Update, body, BgpMessageFraming.MaxExtendedLength).Length);
        Assert.Throws<ArgumentException>(() => BgpMessageFraming.Encode(BgpMessageType.Update, new byte[65535 - 18], BgpMessageFraming.MaxExtendedLength));
        Assert.Throws<ArgumentException>(() => BgpMessageFraming.Encode(BgpMessageType.Open, new byte[4096 - 18], BgpMessageFraming.MaxExtendedLength));
    }

    [Fact]
    public void AShortBufferIsTheCallersProblemNotThePeers()
    {
        var message = BgpMessageFraming.Encode(BgpMessageType.Update, [0, 0, 0, 0]);

        Assert.Throws<ArgumentException>(() => BgpMessageFraming.Decode(message.AsSpan(0, 10), out _));
        Assert.Throws<ArgumentException>(() => BgpMessageFraming.Decode(message.AsSpan(0, 21), out _));
    }
}
