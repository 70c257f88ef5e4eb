using Grid.Bgp.Model;
using static Grid.Testing.Mrt.WireBytes;

namespace Grid.Cli.Tests;

/// <summary>
/// Beyond the archives: hand-built records for the corners of bgpdump's -m format that real files
/// seldom reach (each case is one small MRT file), dumped by both tools and compared octet for octet.
/// </summary>
public sealed class MrtDumpEdgeCaseTests
{
    private const uint Time = 1_700_000_000;
    private const uint AsTrans = 23456;

    private static readonly byte[] Basic = Join(
        Attribute(0x40, PathAttributeType.Origin, 0),
        Attribute(0x40, PathAttributeType.AsPath, Sequence(4, 64496, 64500)),
        Attribute(0x40, PathAttributeType.NextHop, Address("192.0.2.1")));

    private static byte[] Update(ushort subtype, byte[] attributes, byte[]? nlri = null, byte[]? withdrawn = null,
        string peer = "192.0.2.1", string local = "192.0.2.254", ushort type = 16, uint? microseconds = null)
    {
        var asnSize = subtype is 4 or 7 or 9 or 11 ? 4 : 2;
        var message = Message(BgpMessageType.Update, UpdateBody(withdrawn ?? [], attributes, nlri ?? []));
        return Record(Time, type, subtype, Bgp4mpMessage(asnSize, 64496, 65000, peer, local, message), microseconds);
    }

    private static byte[] As4(byte[] attributes, byte[]? nlri = null, byte[]? withdrawn = null) => Update(4, attributes, nlri, withdrawn);

    private static byte[] MpReach(int afi, int safi, byte[] nextHop, byte[] nlri) =>
        Attribute(0x90, PathAttributeType.MpReachNlri, Join(U16(afi), [(byte)safi, (byte)nextHop.Length], nextHop, [0], nlri));

    private static byte[] MpUnreach(int afi, int safi, byte[] nlri) =>
        Attribute(0x90, PathAttributeType.MpUnreachNlri, Join(U16(afi), [(byte)safi], nlri));

    private static byte[] StateChange(ushort subtype, string peer, string local, int from, int to, ushort type = 16, uint? microseconds = null)
    {
        var asnSize = subtype == 5 ? 4 : 2;
        var ipv6 = peer.Contains(':', StringComparison.Ordinal);
        return Record(Time, type, subtype, Join(asnSize == 4 ? U32(64496) : U16(64496), asnSize == 4 ? U32(65000) : U16(65000),
            U16(0), U16(ipv6 ? 2 : 1), Address(peer), Address(local), U16(from), U16(to)), microseconds);
    }

    /// <summary>A TABLE_DUMP body (RFC 6396 §4.2) with a 2-octet peer AS.</summary>
    private static byte[] TableDumpV1(string prefix, int length, string peer, byte[] attributes) =>
        Join(U16(0), U16(7), Address(prefix), [(byte)length, 1], U32(Time - 1), Address(peer), U16(64500), U16(attributes.Length), attributes);

    private static readonly Dictionary<string, Func<byte[]>> Cases = new()
    {
        ["local and add-path subtypes"] = () => Join(
            Update(6, Basic, Nlri("198.51.100.0/24"), Nlri("203.0.113.0/24")),
            Update(7, Basic, Nlri("198.51.100.0/24"), type: 17, microseconds: 42),
            Update(8, Basic, NlriWithPathIds((3, "198.51.100.0/24")), NlriWithPathIds((4, "203.0.113.0/24"))),
            Update(10, Basic, NlriWithPathIds((5, "198.51.100.0/24"))),
            Update(11, Basic, NlriWithPathIds((6, "198.51.100.0/24")), NlriWithPathIds((7, "203.0.113.0/25")))),
        ["an IPv4 session's IPv6 routes"] = () => Join(
            Update(6, Join(Basic, MpUnreach(2, 1, Nlri("2001:db8:1::/48")))),
            As4(Join(Basic, MpUnreach(2, 1, Nlri("2001:db8:2::/48")), MpReach(2, 1, Address("2001:db8::1"), Nlri("2001:db8:3::/48"))))),
        ["multiprotocol next hops and preferences"] = () => Join(
            As4(Join(Basic, Attribute(0x40, PathAttributeType.LocalPref, U32(3_000_000_000)), Attribute(0x80, PathAttributeType.MultiExitDisc, U32(4_000_000_000)),
                MpReach(1, 1, Address("192.0.2.9"), Nlri("198.51.100.0/24")))),
            As4(Join(Basic, MpReach(1, 1, Address("2001:db8::9"), Nlri("198.51.100.0/25")))),
            As4(Join(Basic, MpReach(1, 2, Address("192.0.2.9"), Nlri("232.0.0.0/8")), Attribute(0x40, PathAttributeType.LocalPref, U32(3_000_000_000)))),
            As4(Join(Basic, MpReach(2, 1, Join(Address("2001:db8::9"), Address("fe80::9")), Nlri("2001:db8:4::/48")))),
            As4(Join(Basic, MpReach(2, 1, Address("192.0.2.9"), Nlri("2001:db8:5::/48")))),
            As4(Join(Basic, MpReach(2, 2, Address("2001:db8::9"), Nlri("ff00::/8"))))),
        ["AS path segments"] = () => Join(
            As4(Join(Attribute(0x40, PathAttributeType.AsPath, AsPath(4, (AsPathSegmentType.AsConfedSequence, [65001, 65002]),
                (AsPathSegmentType.AsSequence, [64496, 64497]), (AsPathSegmentType.AsSet, [1, 2, 3]))), Basic[..4]), Nlri("198.51.100.0/24")),
            As4(Attribute(0x40, PathAttributeType.AsPath, AsPath(4, (AsPathSegmentType.AsConfedSet, [65003, 65004]),
                (AsPathSegmentType.AsSequence, []), (AsPathSegmentType.AsSet, [7]), (AsPathSegmentType.AsSequence, [8, 9]))), Nlri("198.51.100.1/32")),
            As4(Attribute(0x40, PathAttributeType.AsPath, Join(Sequence(4, 64496), [7, 1], U32(1))), Nlri("198.51.100.2/32")),
            As4(Attribute(0x40, PathAttributeType.AsPath, Join(Sequence(4, 64496), [2, 5], U32(1))), Nlri("198.51.100.3/32")),
            As4(Attribute(0x50, PathAttributeType.AsPath, AsPath(4, [.. Enumerable.Range(0, 8).Select(i =>
                (AsPathSegmentType.AsSequence, Enumerable.Range(0, 250).Select(n => 4_000_000_000u + (uint)(i * 250 + n)).ToArray()))])), Nlri("198.51.100.4/32"))),
        ["communities"] = () => Join(
            As4(Join(Basic, Attribute(0xC0, PathAttributeType.Communities, Join(U32(0xFFFFFF01), U32(0xFFFFFF02), U32(0xFFFFFF03), U32(0xFFFFFF04), U32(0x0000FFFF)))),
                Nlri("198.51.100.0/24")),
            As4(Join(Basic, Attribute(0xD0, PathAttributeType.Communities, Join([.. Enumerable.Range(0, 900).Select(i => U32(0xFFFE_0000u + (uint)i))]))),
                Nlri("198.51.100.1/32")),
            As4(Join(Basic, Attribute(0xD0, PathAttributeType.Communities, Join([.. Enumerable.Range(0, 740).Select(i => U32(0xFFFE_FFFFu)), .. Enumerable.Range(0, 20).Select(i => U32(0xFFFFFF02))]))),
                Nlri("198.51.100.2/32"))),
        ["aggregators"] = () => Join(
            As4(Join(Basic, Attribute(0xC0, PathAttributeType.Aggregator, Join(U32(4_200_000_000), Address("192.0.2.7"))), Attribute(0x40, PathAttributeType.AtomicAggregate)),
                Nlri("198.51.100.0/24")),
            As4(Join(Basic, Attribute(0xC0, PathAttributeType.Aggregator, Join(U32(64500), Address("255.255.255.255")))), Nlri("198.51.100.1/32")),
            Update(1, Join(Attribute(0x40, PathAttributeType.AsPath, Sequence(2, 3356, AsTrans)),
                Attribute(0xC0, PathAttributeType.Aggregator, Join(U16((int)AsTrans), Address("192.0.2.7"))),
                Attribute(0xC0, PathAttributeType.As4Aggregator, Join(U32(200_000), Address("192.0.2.8"))),
                Attribute(0xC0, PathAttributeType.As4Path, Sequence(4, 200_000))), Nlri("198.51.100.2/32"))),
        ["AS4_PATH merged into AS paths of several segments"] = () => Join(
            Update(1, Join(Attribute(0x40, PathAttributeType.AsPath, AsPath(2, (AsPathSegmentType.AsSequence, [100, AsTrans]), (AsPathSegmentType.AsSequence, [200, AsTrans]))),
                Attribute(0xC0, PathAttributeType.As4Path, Sequence(4, 300_000))), Nlri("198.51.100.0/24")),
            Update(1, Join(Attribute(0x40, PathAttributeType.AsPath, AsPath(2, (AsPathSegmentType.AsConfedSequence, [65001]), (AsPathSegmentType.AsSequence, [100, AsTrans]))),
                Attribute(0xC0, PathAttributeType.As4Path, Sequence(4, 300_000))), Nlri("198.51.100.1/32")),
            Update(1, Join(Attribute(0x40, PathAttributeType.AsPath, AsPath(2, (AsPathSegmentType.AsSet, [1, 2]), (AsPathSegmentType.AsSequence, [100, AsTrans]))),
                Attribute(0xC0, PathAttributeType.As4Path, Sequence(4, 300_000))), Nlri("198.51.100.2/32"))),
        ["missing and odd attributes"] = () => Join(
            As4(Attribute(0x40, PathAttributeType.Origin, 5), Nlri("198.51.100.0/24")),
            As4(Join(Attribute(0x40, PathAttributeType.Origin, 1), Attribute(0xE0, (PathAttributeType)99, 1, 2, 3)), Nlri("198.51.100.1/32")),
            As4([], Nlri("198.51.100.2/32", "10.0.0.0/8")),
            As4(Basic, [33, 198, 51, 100, 7, 255])),
        ["IPv6 spellings"] = () => Join(
            StateChange(5, "::ffff:192.0.2.1", "::", 1, 2),
            StateChange(5, "::2", "::1", 2, 3),
            StateChange(5, "1:0:2:3:4:5:6:7", "fe80::1:0:0:1", 3, 4),
            StateChange(5, "2001:db8::", "1::", 4, 5),
            As4(Join(Basic, MpReach(2, 1, Address("2001:db8::1"), Nlri("::/0", "::ffff:0:0/96", "2001:0:0:1::/64", "2001:db8:0:0:1::/80"))))),
        ["state changes"] = () => Join(
            StateChange(0, "192.0.2.1", "192.0.2.254", 1, 2),
            StateChange(5, "2001:db8::1", "2001:db8::2", 6, 1, type: 17, microseconds: 7),
            Record(Time, 16, 0, Join(U16(64496), U16(65000), U16(3), U16(6)))),
        ["long prefix lists"] = () => Join(
            As4([], withdrawn: Join([.. Enumerable.Range(0, 9000).Select(i => Nlri($"10.{i >> 8 & 255}.{i & 255}.0/24"))]))),
        ["TABLE_DUMP_V2 variants"] = () => Join(
            Record(Time, 13, 1, PeerIndexTable(("192.0.2.1", 64496), ("2001:db8::1", 4_200_000_000))),
            Record(Time, 13, 2, Rib(1, "198.51.100.0/24", (0, null, Join(Attribute(0x40, PathAttributeType.Origin, 0),
                Attribute(0x80, PathAttributeType.MpReachNlri, Join([4], Address("192.0.2.99"))))), (1, null, Basic))),
            Record(Time, 13, 4, Rib(2, "2001:db8:7::/48", (1, null, Join(Attribute(0x40, PathAttributeType.Origin, 2),
                Attribute(0x80, PathAttributeType.MpReachNlri, Join(U16(2), [1, 16], Address("2001:db8::99"), [0], Nlri("2001:db8:7::/48"))))))),
            Record(Time, 13, 4, Rib(3, "2001:db8:8::/48", (0, null, Attribute(0x40, PathAttributeType.Origin, 0)))),
            Record(Time, 13, 3, Rib(4, "232.1.0.0/16", (0, null, Basic))),
            Record(Time, 13, 10, Rib(5, "2001:db8:9::/48", (1, 11u, Basic), (1, 12u, Basic)))),
        ["TABLE_DUMP (version 1) in both families"] = () => Join(
            Record(Time, 12, 2, TableDumpV1("2001:db8:1::", 48, "2001:db8::5", Join(Attribute(0x40, PathAttributeType.Origin, 0),
                Attribute(0x40, PathAttributeType.AsPath, Sequence(2, 64500, AsTrans)), Attribute(0xC0, PathAttributeType.As4Path, Sequence(4, 400_000)),
                Attribute(0x80, PathAttributeType.MpReachNlri, Join([16], Address("2001:db8::99")))))),
            Record(Time, 12, 1, TableDumpV1("198.51.100.0", 24, "192.0.2.5", Join(Attribute(0x40, PathAttributeType.Origin, 0),
                Attribute(0x40, PathAttributeType.AsPath, Sequence(2, 64500)), Attribute(0x40, PathAttributeType.NextHop, Address("192.0.2.1")),
                Attribute(0xC0, PathAttributeType.Communities, U32(0xFDE8_0001)))))),
        ["sessions, timestamps and damaged attributes"] = () => Join(
            Update(4, Basic, Nlri("198.51.100.0/24"), type: 17, microseconds: 1_234_567),
            Update(4, Basic, Nlri("198.51.100.0/24"), Nlri("10.1.0.0/16"), peer: "2001:db8::1", local: "2001:db8::2"),
            As4(Join(Basic, Attribute(0x90, PathAttributeType.MpReachNlri, Join(U16(2), [1, 0, 0], Nlri("2001:db8:1::/48"))))),
            As4(Join(Basic, [0x40, (byte)PathAttributeType.Communities, 20], U32(1)), Nlri("198.51.100.1/32")),
            As4(Attribute(0x40, PathAttributeType.NextHop, 1, 2), Nlri("198.51.100.2/32")),
            Update(9, MpUnreach(2, 1, NlriWithPathIds((9, "2001:db8:1::/48"))))),
        ["other BGP messages"] = () => Join(
            Record(Time, 16, 4, Bgp4mpMessage(4, 64496, 65000, "192.0.2.1", "192.0.2.254", Message(BgpMessageType.Keepalive, []))),
            Record(Time, 16, 4, Bgp4mpMessage(4, 64496, 65000, "192.0.2.1", "192.0.2.254", Message(BgpMessageType.Open, Join([4], U16(23456), U16(90), Address("192.0.2.1"), [0])))),
            Record(Time, 16, 4, Bgp4mpMessage(4, 64496, 65000, "192.0.2.1", "192.0.2.254", Message(BgpMessageType.Notification, [6, 2])))),
    };

    /// <summary>The case whose records bgpdump -m prints nothing for (OPEN, KEEPALIVE, NOTIFICATION).</summary>
    private const string SilentCase = "other BGP messages";

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task BgpdumpAndGridPrintTheSameLines(string name)
    {
        var file = Path.Combine(Path.GetTempPath(), $"grid-edge-{Guid.NewGuid():N}.mrt");
        await File.WriteAllBytesAsync(file, Cases[name]());
        try
        {
            var reference = await Bgpdump.DumpAsync(file);
            var grid = await GridExecutable.RunCapturingBytesAsync("mrt", "dump", "-m", file);

            Assert.Equal(name != SilentCase, reference.StandardOutput.Length > 0);
            MrtDumpMatchesBgpdumpTests.AssertSameOctets(reference.StandardOutput, grid.StandardOutput);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
