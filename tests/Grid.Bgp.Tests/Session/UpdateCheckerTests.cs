using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using Grid.Bgp.Session.ErrorHandling;
using static Grid.Testing.Mrt.WireBytes;

namespace Grid.Bgp.Tests.Session;

/// <summary>
/// RFC 7606's handling of malformed UPDATEs, one case per rule: which errors cost only the
/// message's routes (treat-as-withdraw), which only an attribute (attribute discard), and which
/// reset the session, with the NOTIFICATION RFC 4271 §6.3 names.
/// </summary>
public sealed class UpdateCheckerTests
{
    private static readonly BgpDecodeContext FourOctet = new(FourOctetAsn: true);

    private static readonly byte[] Origin = Attribute(0x40, PathAttributeType.Origin, 0);
    private static readonly byte[] Path = Attribute(0x40, PathAttributeType.AsPath, Sequence(4, 64496, 64500));
    private static readonly byte[] NextHop = Attribute(0x40, PathAttributeType.NextHop, Address("198.51.100.1"));
    private static readonly byte[] Mandatory = Join(Origin, Path, NextHop);

    private static UpdateVerdict Check(byte[] attributes, byte[]? nlri = null, byte[]? withdrawn = null, BgpDecodeContext? context = null) =>
        UpdateChecker.Check(UpdateBody(withdrawn ?? [], attributes, nlri ?? Nlri("100.64.1.0/24")), context ?? FourOctet);

    [Fact]
    public void AWellFormedUpdateIsAccepted() => Assert.Equal(UpdateErrorAction.Accept, Check(Mandatory).Action);

    [Fact]
    public void AWithdrawalOnlyUpdateNeedsNoAttributes() =>
        Assert.Equal(UpdateErrorAction.Accept, Check([], nlri: [], withdrawn: Nlri("100.64.1.0/24")).Action);

    public static TheoryData<string, byte[]> WithdrawCases => new()
    {
        { "ORIGIN of 2 octets (§7.1)", Join(Attribute(0x40, PathAttributeType.Origin, 0, 0), Path, NextHop) },
        { "ORIGIN value 3 (§7.1)", Join(Attribute(0x40, PathAttributeType.Origin, 3), Path, NextHop) },
        { "AS_PATH segment overruns (§7.2)", Join(Origin, Attribute(0x40, PathAttributeType.AsPath, 2, 3, 0, 0, 0xFB, 0xF0), NextHop) },
        { "AS_PATH segment of zero ASes (§7.2)", Join(Origin, Attribute(0x40, PathAttributeType.AsPath, 2, 0), NextHop) },
        { "NEXT_HOP of 3 octets (§7.3)", Join(Origin, Path, Attribute(0x40, PathAttributeType.NextHop, 198, 51, 100)) },
        { "MED of 2 octets (§7.4)", Join(Mandatory, Attribute(0x80, PathAttributeType.MultiExitDisc, 0, 1)) },
        { "COMMUNITIES of 3 octets (§7.8)", Join(Mandatory, Attribute(0xC0, PathAttributeType.Communities, 1, 2, 3)) },
        { "EXTENDED_COMMUNITIES of 7 octets (§7.14)", Join(Mandatory, Attribute(0xC0, PathAttributeType.ExtendedCommunities, 1, 2, 3, 4, 5, 6, 7)) },
        { "LARGE_COMMUNITY of 8 octets (RFC 8092 §6)", Join(Mandatory, Attribute(0xC0, PathAttributeType.LargeCommunities, 1, 2, 3, 4, 5, 6, 7, 8)) },
        { "missing ORIGIN (§3 d)", Join(Path, NextHop) },
        { "missing AS_PATH (§3 d)", Join(Origin, NextHop) },
        { "missing NEXT_HOP for IPv4 NLRI (§3 d)", Join(Origin, Path) },
        { "ORIGIN flagged optional (§3 c)", Join(Attribute(0xC0, PathAttributeType.Origin, 0), Path, NextHop) },
        { "attribute overruns the block (§4)", Join(Mandatory, [0xC0, (byte)PathAttributeType.Communities, 40, 0, 0, 0, 1]) },
    };

    [Theory]
    [MemberData(nameof(WithdrawCases))]
    public void ErrorsThatCostOnlyTheMessagesRoutesAreTreatAsWithdraw(string why, byte[] attributes)
    {
        var verdict = Check(attributes);
        Assert.True(verdict.Action == UpdateErrorAction.TreatAsWithdraw, $"{why}: {verdict}");
        Assert.Null(verdict.Notification);
    }

    public static TheoryData<string, byte[]> DiscardCases => new()
    {
        { "ATOMIC_AGGREGATE with a value (§7.6)", Join(Mandatory, Attribute(0x40, PathAttributeType.AtomicAggregate, 1)) },
        { "AGGREGATOR of 6 octets on a 4-octet session (§7.7)", Join(Mandatory, Attribute(0xC0, PathAttributeType.Aggregator, 0, 1, 2, 3, 4, 5)) },
        { "LOCAL_PREF from an external peer (§7.5)", Join(Mandatory, Attribute(0x40, PathAttributeType.LocalPref, 0, 0, 0, 100)) },
        { "AS4_PATH malformed (RFC 6793 §6)", Join(Mandatory, Attribute(0xC0, PathAttributeType.As4Path, 2, 5, 0)) },
        { "a second ORIGIN (§3 g)", Join(Mandatory, Origin) },
    };

    [Theory]
    [MemberData(nameof(DiscardCases))]
    public void ErrorsInAttributesThatDoNotDecideRoutesAreDiscarded(string why, byte[] attributes)
    {
        var verdict = Check(attributes);
        Assert.True(verdict.Action == UpdateErrorAction.AttributeDiscard, $"{why}: {verdict}");
    }

    public static TheoryData<string, byte[], byte[], byte[], UpdateMessageErrorSubcode> ResetCases => new()
    {
        { "NLRI prefix /33 (§5.3)", Mandatory, [33, 100, 64, 1, 0, 0], [], UpdateMessageErrorSubcode.InvalidNetworkField },
        { "NLRI prefix cut off (§5.3)", Mandatory, [24, 100, 64], [], UpdateMessageErrorSubcode.InvalidNetworkField },
        { "withdrawn prefix /40 (§5.3)", [], [], [40, 1, 2, 3, 4, 5], UpdateMessageErrorSubcode.InvalidNetworkField },
        { "two MP_REACH_NLRI (§3 g)", Join(Origin, Path, MpReach(), MpReach()), [], [], UpdateMessageErrorSubcode.MalformedAttributeList },
        { "MP_REACH_NLRI next hop overruns (§7.11)", Join(Origin, Path, Attribute(0x80, PathAttributeType.MpReachNlri, 0, 2, 1, 32, 0x20)), [], [], UpdateMessageErrorSubcode.OptionalAttributeError },
        { "MP_REACH_NLRI IPv6 prefix /129 (§7.11)", Join(Origin, Path, MpReach([129, 0x20, 1, 0x0d, 0xb8])), [], [], UpdateMessageErrorSubcode.InvalidNetworkField },
        { "MP_UNREACH_NLRI of 2 octets (§7.12)", Attribute(0x80, PathAttributeType.MpUnreachNlri, 0, 2), [], [], UpdateMessageErrorSubcode.OptionalAttributeError },
        { "an unknown attribute flagged well-known (RFC 4271 §6.3)", Join(Mandatory, [0x40, 99, 1, 0]), Nlri("100.64.1.0/24"), [], UpdateMessageErrorSubcode.UnrecognizedWellKnownAttribute },
    };

    [Theory]
    [MemberData(nameof(ResetCases))]
    public void ErrorsThatHideWhereTheRoutesAreResetTheSession(string why, byte[] attributes, byte[] nlri, byte[] withdrawn, UpdateMessageErrorSubcode subcode)
    {
        var verdict = Check(attributes, nlri, withdrawn);
        Assert.True(verdict.Resets, $"{why}: {verdict}");
        Assert.Equal(BgpErrorCode.UpdateMessageError, verdict.Notification!.Code);
        Assert.Equal((byte)subcode, verdict.Notification.Subcode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void ABodyTooShortForItsLengthFieldsResetsInsteadOfThrowing(int octets)
    {
        // Found by the fuzzing pass (DecoderFuzzTests): ReadUInt16BigEndian threw on such a body.
        var verdict = UpdateChecker.Check(new byte[octets], FourOctet);
        Assert.True(verdict.Resets);
        Assert.Equal((byte)UpdateMessageErrorSubcode.MalformedAttributeList, verdict.Notification!.Subcode);
    }

    [Fact]
    public void LengthsThatOverrunTheMessageResetWithMalformedAttributeList()
    {
        // Withdrawn Routes Length 200 in a message with 4 octets after it (RFC 4271 §6.3).
        var verdict = UpdateChecker.Check(Join(U16(200), U16(0)), FourOctet);
        Assert.True(verdict.Resets);
        Assert.Equal((byte)UpdateMessageErrorSubcode.MalformedAttributeList, verdict.Notification!.Subcode);

        verdict = UpdateChecker.Check(Join(U16(0), U16(90), Origin), FourOctet);
        Assert.True(verdict.Resets);
        Assert.Equal((byte)UpdateMessageErrorSubcode.MalformedAttributeList, verdict.Notification!.Subcode);
    }

    [Fact]
    public void AddPathNlriIsCheckedWithItsPathIdentifiers()
    {
        var addPath = new BgpDecodeContext(FourOctetAsn: true, AddPath: AddPathFamilies.IPv4Unicast);
        Assert.Equal(UpdateErrorAction.Accept, Check(Mandatory, NlriWithPathIds((7, "100.64.1.0/24")), context: addPath).Action);
        // Read without path identifiers, the same octets are a /0 then garbage; with them, a cut-off entry resets.
        Assert.True(Check(Mandatory, [0, 0, 0, 7, 24, 100], context: addPath).Resets);
    }

    [Fact]
    public void TheFirstResetDecidesTheNotificationAndEveryReasonIsKept()
    {
        var verdict = Check(Join(Attribute(0x40, PathAttributeType.Origin, 9), Path, NextHop), [33, 1, 2, 3, 4, 5]);
        Assert.True(verdict.Resets);
        Assert.Equal((byte)UpdateMessageErrorSubcode.InvalidNetworkField, verdict.Notification!.Subcode);
        Assert.Contains("longer than /32", verdict.ToString(), StringComparison.Ordinal);
    }

    private static byte[] MpReach(byte[]? nlri = null) => Attribute(0x90, PathAttributeType.MpReachNlri, Join(
        U16(2), [1, 16], Address("2001:db8::1"), [0], nlri ?? [48, 0x20, 0x01, 0x0d, 0xb8, 0, 1]));
}
