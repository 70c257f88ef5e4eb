using System.IO.Compression;
using System.Net;
using Grid.Bgp.Bmp;
using Grid.Bgp.Bmp.Model;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using Grid.Testing.Lab;

namespace Grid.Bgp.Tests.Bmp;

/// <summary>
/// Real BMP streams from GoBGP and FRR (Bmp/Fixtures/README.md) read without the daemons: the
/// country's 600 routes arrive with their origins, are all withdrawn, come back, and the session's
/// end is a Peer Down with the speaker's Cease.
/// </summary>
public sealed class BmpCaptureTests
{
    private static readonly IPAddress Speaker = IPAddress.Parse("127.0.0.1");

    public static TheoryData<string, int> Captures => new()
    {
        // FRR first reports the configured speaker as down (FSM event 0): it was not up when the station connected.
        { "gobgp-prepolicy.bmp.gz", 0 },
        { "frr-prepolicy.bmp.gz", 1 },
    };

    internal static byte[] Capture(string name)
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Bmp", "Fixtures", name));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var octets = new MemoryStream();
        gzip.CopyTo(octets);
        return octets.ToArray();
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void TheCountrysShutdownAndRecoveryReadFromARealRouter(string capture, int earlyPeerDowns)
    {
        var expected = CountryPrefixSet.Country(ipv4: 500, ipv6: 100).Routes.ToDictionary(route => route.Prefix, route => route.Origin);
        var table = new Dictionary<Prefix, uint>();
        var largest = 0;
        var withdrawn = new HashSet<Prefix>();
        var tableAtPeerDown = -1;
        var read = BmpRead.All(Capture(capture));

        foreach (var (message, elements) in read)
        {
            foreach (var element in elements)
            {
                Assert.Equal((Speaker, BgpLab.SpeakerAsn), (element.PeerAddress, element.PeerAsn));
                if (element.Action == RouteAction.Announce)
                {
                    table[element.Prefix] = element.OriginAsn;
                }
                else if (table.Remove(element.Prefix))
                {
                    withdrawn.Add(element.Prefix);
                }
            }
            if (table.Count == expected.Count)
            {
                Assert.Equal(expected, table);
            }
            largest = Math.Max(largest, table.Count);
            if (message is BmpPeerDown { Reason: BmpPeerDownReason.RemoteNotification })
            {
                tableAtPeerDown = table.Count;
            }
        }

        Assert.Empty(read.Select(r => r.Message).OfType<BmpMalformed>());
        Assert.IsType<BmpInitiation>(read[0].Message);
        Assert.Equal(expected.Count, largest);
        Assert.Equal(expected.Keys.ToHashSet(), withdrawn);
        // The re-announcement restored the table before the session closed.
        Assert.Equal(expected.Count, tableAtPeerDown);

        var up = Assert.Single(read.Select(r => r.Message).OfType<BmpPeerUp>());
        Assert.Equal(BgpLab.SpeakerAsn, up.ReceivedOpen.MyAs);
        Assert.Equal(IPAddress.Parse("127.0.0.2"), up.LocalAddress);
        Assert.NotNull(up.Session);
        Assert.True(up.Session.FourOctetAs);
        Assert.Equal([BgpFamily.IPv4Unicast, BgpFamily.IPv6Unicast], up.Session.Families.OrderBy(family => family.Afi).ToList());
        var downs = read.Select(r => r.Message).OfType<BmpPeerDown>().ToList();
        Assert.Equal(earlyPeerDowns + 1, downs.Count);
        Assert.Equal("RemoteNotification: Cease/AdministrativeShutdown", downs[^1].Text);
        Assert.NotEmpty(read.Select(r => r.Message).OfType<BmpStatisticsReport>());
    }
}
