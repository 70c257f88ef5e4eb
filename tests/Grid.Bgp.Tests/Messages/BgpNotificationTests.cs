using Grid.Bgp.Messages;
using Grid.Bgp.Model;

namespace Grid.Bgp.Tests.Messages;

/// <summary>NOTIFICATION (RFC 4271 §4.5) and the shutdown communication (RFC 8203, RFC 9003).</summary>
public sealed class BgpNotificationTests
{
    private static readonly string Marker = new('F', 32);

    [Fact]
    public void HoldTimerExpiredIsTwentyOneOctets()
    {
        Assert.Equal(Marker + "0015" + "03" + "0400", Convert.ToHexString(BgpNotification.HoldTimerExpired().Encode()));
    }

    [Fact]
    public void AdministrativeShutdownCarriesALengthPrefixedUtf8Communication()
    {
        var notification = BgpNotification.AdministrativeShutdown("maintenance");

        var message = notification.Encode();

        // 19 + code + subcode + length octet + 11 octets = 33 (0x21).
        Assert.Equal(Marker + "0021" + "03" + "0602" + "0B" + Convert.ToHexString("maintenance"u8), Convert.ToHexString(message));
        var decoded = BgpNotification.Decode(BgpMessageFraming.Decode(message, out var header));
        Assert.Equal(BgpMessageType.Notification, header.Type);
        Assert.Equal(BgpErrorCode.Cease, decoded.Code);
        Assert.Equal((byte)CeaseSubcode.AdministrativeShutdown, decoded.Subcode);
        Assert.True(decoded.TryGetShutdownCommunication(out var text));
        Assert.Equal("maintenance", text);
        Assert.Equal("Cease/AdministrativeShutdown", decoded.Description);
    }

    [Fact]
    public void AShutdownCommunicationIsAtMost255Octets()
    {
        Assert.Equal(256, BgpNotification.AdministrativeReset(new string('x', 255)).Data.Length);
        Assert.Throws<ArgumentException>(() => BgpNotification.AdministrativeShutdown(new string('x', 256)));
        Assert.Throws<ArgumentException>(() => BgpNotification.AdministrativeShutdown(new string('é', 128)));
    }

    [Fact]
    public void AnOverrunningShutdownCommunicationIsNotRead()
    {
        var notification = BgpNotification.Cease(CeaseSubcode.AdministrativeShutdown, [5, (byte)'a']);

        Assert.False(notification.TryGetShutdownCommunication(out _));
        Assert.False(BgpNotification.Cease(CeaseSubcode.PeerDeConfigured).TryGetShutdownCommunication(out _));
    }

    [Fact]
    public void DataIsCutToTheMessageLimit()
    {
        var notification = BgpNotification.Update(UpdateMessageErrorSubcode.MalformedAttributeList, new byte[5000]);

        Assert.Equal(4096, notification.Encode().Length);
        Assert.Equal(19 + 2 + 5000, notification.Encode(BgpMessageFraming.MaxExtendedLength).Length);
    }

    [Theory]
    [InlineData(BgpErrorCode.MessageHeaderError, 1)]
    [InlineData(BgpErrorCode.OpenMessageError, 7)]
    [InlineData(BgpErrorCode.UpdateMessageError, 11)]
    [InlineData(BgpErrorCode.FiniteStateMachineError, 0)]
    [InlineData(BgpErrorCode.Cease, 9)]
    public void RoundTrips(BgpErrorCode code, byte subcode)
    {
        var notification = new BgpNotification(code, subcode, [1, 2, 3]);

        var decoded = BgpNotification.Decode(BgpMessageFraming.Decode(notification.Encode(), out _));

        Assert.Equal((code, subcode), (decoded.Code, decoded.Subcode));
        Assert.Equal([1, 2, 3], decoded.Data);
    }

    [Fact]
    public void TheCodesHaveTheirRfcValues()
    {
        Assert.Equal(6, (byte)BgpErrorCode.Cease);
        Assert.Equal(1, (byte)OpenMessageErrorSubcode.UnsupportedVersionNumber);
        Assert.Equal(2, (byte)OpenMessageErrorSubcode.BadPeerAs);
        Assert.Equal(3, (byte)OpenMessageErrorSubcode.BadBgpIdentifier);
        Assert.Equal(6, (byte)OpenMessageErrorSubcode.UnacceptableHoldTime);
        Assert.Equal(7, (byte)OpenMessageErrorSubcode.UnsupportedCapability);
        Assert.Equal(2, (byte)CeaseSubcode.AdministrativeShutdown);
        Assert.Equal(4, (byte)CeaseSubcode.AdministrativeReset);
    }
}
