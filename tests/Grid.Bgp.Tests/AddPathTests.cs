using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using Grid.Bgp.Mrt;
using Grid.Bgp.Mrt.Model;
using Grid.Testing.Data;
using static Grid.Testing.Mrt.WireBytes;

namespace Grid.Bgp.Tests;

/// <summary>ADD-PATH (RFC 7911) in MRT (RFC 8050): path identifiers before NLRI and in RIB entries.</summary>
public sealed class AddPathTests
{
    [Fact]
    public void AddPathMessageSubtypesReadAPathIdBeforeEveryPrefix()
    {
        var attributes = Join(
            Attribute(0x40, PathAttributeType.Origin, 0),
            Attribute(0x40, PathAttributeType.AsPath, Sequence(4, 64496, 64510)),
            Attribute(0x40, PathAttributeType.NextHop, Address("192.0.2.1")));
        var update = UpdateBody(NlriWithPathIds((7, "203.0.113.0/24")), attributes, NlriWithPathIds((1, "198.51.100.0/24"), (2, "198.51.100.0/24")));
        var record = Record(1_700_000_000, 16, 9, Bgp4mpMessage(4, 64496, 65000, "192.0.2.1", "192.0.2.254", Message(BgpMessageType.Update, update)));

        using var reader = WriterToleranceTests.ReaderOf(record);
        Assert.True(reader.Read());
        var message = reader.Current.Message;
        var announced = message.Update.Announced;
        var ids = new List<uint>();
        while (announced.TryRead(out var prefix))
        {
            ids.Add(prefix.PathId);
            Assert.Equal("198.51.100.0/24", prefix.ToPrefix().ToString());
        }

        Assert.True(message.HasPathIds);
        Assert.Equal([1u, 2u], ids);
        Assert.True(message.Update.Withdrawn.TryRead(out var withdrawn));
        Assert.Equal(7u, withdrawn.PathId);
    }

    [Fact]
    public void RouteElementsOfAnAddPathMessageCarryEachPathsOrigin()
    {
        var attributes = Join(Attribute(0x40, PathAttributeType.AsPath, Sequence(4, 64496, 64510)));
        var update = UpdateBody([], attributes, NlriWithPathIds((1, "198.51.100.0/24"), (2, "198.51.100.128/25")));
        var record = Record(1_700_000_000, 16, 9, Bgp4mpMessage(4, 64496, 65000, "192.0.2.1", "192.0.2.254", Message(BgpMessageType.Update, update)));

        var elements = MrtReader.ReadRouteElements(new MemoryStream(record)).ToList();

        Assert.Equal(["198.51.100.0/24", "198.51.100.128/25"], elements.Select(element => element.Prefix.ToString()));
        Assert.All(elements, element => Assert.Equal(64510u, element.OriginAsn));
    }

    [Fact]
    public void TheDecoderReadsPathIdsOnlyForTheFamiliesTheSessionNegotiated()
    {
        var mpReach = Join(U16(2), [1, 16], Address("2001:db8::1"), [0], NlriWithPathIds((9, "2001:db8:5::/48")));
        var body = UpdateBody([], Attribute(0x80, PathAttributeType.MpReachNlri, mpReach), Nlri("192.0.2.0/24"));
        var update = new BgpUpdate();

        BgpUpdateDecoder.Decode(body, new BgpDecodeContext(FourOctetAsn: true, AddPathFamilies.IPv6Unicast), update);

        Assert.True(update.Announced.TryRead(out var ipv4));
        Assert.Equal((0u, "192.0.2.0/24"), (ipv4.PathId, ipv4.ToPrefix().ToString()));
        Assert.True(update.Attributes.MpReach.Nlri.TryRead(out var ipv6));
        Assert.Equal((9u, "2001:db8:5::/48"), (ipv6.PathId, ipv6.ToPrefix().ToString()));
    }

    [Theory]
    [InlineData("bgpdump.bview.ipv4_unicast_add_path.gz", "TABLE_DUMP_V2/RIB_IPV4_UNICAST_ADDPATH")]
    [InlineData("bgpdump.bview.ipv6_unicast_add_path.gz", "TABLE_DUMP_V2/RIB_IPV6_UNICAST_ADDPATH")]
    public void AddPathRibsGiveEveryPathOfAPrefixItsOwnId(string file, string kind)
    {
        using var reader = MrtReader.Open(SharedData.DataFile(Path.Combine("mrt", file)));
        var paths = new List<(string Prefix, uint PathId)>();
        while (reader.Read())
        {
            if (reader.Current.Kind == MrtEntryKind.Rib)
            {
                Assert.True(reader.Current.Rib.HasPathIds);
                foreach (var route in reader.Current.Rib.Routes)
                {
                    paths.Add((reader.Current.Rib.Prefix.ToPrefix().ToString(), route.PathId));
                }
            }
        }

        Assert.Equal(31, reader.RecordCounts.ByKind.Single(pair => pair.Key.Name == kind).Value);
        Assert.Equal(62, paths.Count);
        Assert.Equal(paths.Count, paths.Distinct().Count());
        Assert.Contains(paths.GroupBy(path => path.Prefix), group => group.Count() > 1);
    }
}
