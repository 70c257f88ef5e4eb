using Grid.Bgp.Model;
using Grid.Bgp.Mrt;
using Grid.Bgp.Mrt.Model;
using Grid.Testing.Data;
using static Grid.Testing.Mrt.WireBytes;

namespace Grid.Bgp.Tests;

/// <summary>
/// What real MRT writers put on disk, beyond the letter of the RFCs, decodes without complaint:
/// BIRD's zero attribute flags, GoBGP's full MP_REACH_NLRI in RIB entries, FRR's extended-length
/// AS_PATH. Each case is the writer's bytes built by hand; FRR's is also checked on its real file.
/// </summary>
public sealed class WriterToleranceTests
{
    private static readonly byte[] PeerTable = Record(1_700_000_000, 13, 1, PeerIndexTable(("192.0.2.1", 64496), ("2001:db8::1", 64497)));

    internal static MrtReader ReaderOf(params byte[][] records) => new(new MemoryStream(Join(records)));

    private static RibRoute SingleRoute(MrtReader reader)
    {
        Assert.True(reader.Read());
        Assert.Equal(MrtEntryKind.PeerIndexTable, reader.Current.Kind);
        Assert.True(reader.Read());
        Assert.Equal(MrtEntryKind.Rib, reader.Current.Kind);
        return Assert.Single(reader.Current.Rib.Routes.ToArray());
    }

    [Fact]
    public void BirdsZeroFlagsOnNextHopAndLocalPrefAreAccepted()
    {
        var attributes = Join(
            Attribute(0x40, PathAttributeType.Origin, 0),
            Attribute(0x40, PathAttributeType.AsPath, Sequence(4, 64496, 64500)),
            Attribute(0x00, PathAttributeType.NextHop, Address("198.51.100.1")),
            Attribute(0x00, PathAttributeType.LocalPref, U32(100)));
        using var reader = ReaderOf(PeerTable, Record(1_700_000_000, 13, 2, Rib(0, "100.64.0.0/24", (0, null, attributes))));

        var route = SingleRoute(reader);

        Assert.Equal("198.51.100.1", route.Attributes.NextHop.ToString());
        Assert.Equal(100u, route.Attributes.LocalPref);
        Assert.Equal(64500u, route.Attributes.AsPath.OriginAsn);
        Assert.Empty(route.Attributes.Problems);
        Assert.Empty(reader.Errors);
    }

    [Fact]
    public void GobgpsFullMpReachFormInARibEntryGivesItsNextHop()
    {
        // RFC 6396 §4.3.4 abbreviates MP_REACH_NLRI in RIB entries to the next hop; GoBGP writes AFI, SAFI, next hop, reserved and NLRI.
        var mpReach = Join(U16(2), [1, 16], Address("2001:db8:ffff::1"), [0], Nlri("2001:db8:1::/48"));
        var attributes = Join(
            Attribute(0x40, PathAttributeType.Origin, 0),
            Attribute(0x40, PathAttributeType.AsPath, Sequence(4, 64496, 64501)),
            Attribute(0x80, PathAttributeType.MpReachNlri, mpReach));
        using var reader = ReaderOf(PeerTable, Record(1_700_000_000, 13, 4, Rib(0, "2001:db8:1::/48", (1, null, attributes))));

        var route = SingleRoute(reader);
        var reach = route.Attributes.MpReach;

        Assert.False(reach.IsAbbreviated);
        Assert.Equal(Afi.IPv6, reach.Afi);
        Assert.Equal("2001:db8:ffff::1", reach.NextHopAddress.ToString());
        Assert.Empty(route.Attributes.Problems);
        Assert.Equal("2001:db8::1", route.Peer.Address.ToString());
    }

    [Fact]
    public void TheAbbreviatedMpReachOfRfc6396IsReadAsTheNextHopAlone()
    {
        var attributes = Join(
            Attribute(0x40, PathAttributeType.Origin, 0),
            Attribute(0x80, PathAttributeType.MpReachNlri, Join([32], Address("2001:db8:ffff::1"), Address("fe80::1"))));
        using var reader = ReaderOf(PeerTable, Record(1_700_000_000, 13, 4, Rib(0, "2001:db8:2::/48", (1, null, attributes))));

        var reach = SingleRoute(reader).Attributes.MpReach;

        Assert.True(reach.IsAbbreviated);
        Assert.Equal(32, reach.NextHop.Length);
        Assert.Equal("2001:db8:ffff::1", reach.NextHopAddress.ToString());
        Assert.Equal(Afi.IPv6, reach.Afi);
    }

    [Fact]
    public void FrrsExtendedLengthAsPathDecodes()
    {
        var attributes = Join(
            Attribute(0x40, PathAttributeType.Origin, 0),
            Attribute(0x50, PathAttributeType.AsPath, Sequence(4, 64496, 64502, 64502)),
            Attribute(0x40, PathAttributeType.NextHop, Address("198.51.100.1")));
        using var reader = ReaderOf(PeerTable, Record(1_700_000_000, 13, 2, Rib(0, "100.64.1.0/24", (0, null, attributes))));

        var path = SingleRoute(reader).Attributes.AsPath;

        Assert.Equal(3, path.CountForAs4Merge());
        Assert.Equal(64502u, path.OriginAsn);
    }

    [Fact]
    public void FrrsRealRibDumpUsesExtendedLengthAndDecodesEveryRoute()
    {
        using var reader = MrtReader.Open(Path.Combine(SharedData.BgpLabDirectory, "frr-rib-054300.mrt"));
        var sawExtendedAsPath = false;
        var routes = 0;
        while (reader.Read())
        {
            foreach (var route in reader.Current.Rib.Routes)
            {
                routes++;
                sawExtendedAsPath |= AsPathFlags(route.Attributes.Encoded) is { } flags && (flags & 0x10) != 0;
                Assert.InRange(route.Attributes.AsPath.OriginAsn, 64500u, 64510u);
            }
        }

        Assert.True(sawExtendedAsPath, "FRR writes AS_PATH with the Extended Length flag; the lab file should show it");
        Assert.Equal(600, routes);
        Assert.Empty(reader.Errors);
    }

    private static byte? AsPathFlags(ReadOnlySpan<byte> attributes)
    {
        while (attributes.Length >= 3)
        {
            var extended = (attributes[0] & 0x10) != 0;
            var length = extended ? (attributes[2] << 8) | attributes[3] : attributes[2];
            if (attributes[1] == (byte)PathAttributeType.AsPath)
            {
                return attributes[0];
            }
            attributes = attributes[((extended ? 4 : 3) + length)..];
        }
        return null;
    }
}
