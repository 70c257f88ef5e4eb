using System.Net;
using Grid.Bgp.Model;
using Grid.Bgp.Mrt;
using Grid.Bgp.Mrt.Writing;
using Grid.Testing.Lab;

namespace Grid.Bgp.Tests.Mrt;

/// <summary>
/// Evidence bundles carry what Grid saw as MRT that anyone's bgpdump reads. Real elements from
/// RouteViews' and RIS's archives (IPv4 and IPv6, announcements and withdrawals) are written back
/// out, and both bgpdump and Grid's reader must give the same peer, prefix, action, origin and time.
/// </summary>
public sealed class Bgp4mpWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("grid-bgp4mp-").FullName;

    /// <summary>Two archives of mixed updates, IPv4 and IPv6, and one of 4,096 withdrawals in one UPDATE.</summary>
    public static TheoryData<string> Archives => new() { "bgpdump.updates.20160811.1600.gz", "bgpdump.updates.20071015.1505.gz", "bgpdump.updates.long_withdrawal.gz" };

    [Theory]
    [MemberData(nameof(Archives))]
    public async Task WrittenElementsReadBackTheSameInBgpdumpAndInGrid(string archive)
    {
        var original = MrtReader.ReadRouteElements(MrtReaderTests.Data(archive)).Take(3000).ToList();
        Assert.Contains(original, element => element.Action == RouteAction.Withdraw);
        var path = Path.Combine(_folder, "evidence.mrt");
        await File.WriteAllBytesAsync(path, Bgp4mpWriter.ToBytes(original, 64512, IPAddress.Parse("192.0.2.1")));

        var reread = MrtReader.ReadRouteElements(path).ToList();
        Assert.Equal(original.Select(Seconds), reread);

        var lines = new List<BgpdumpLine>();
        await foreach (var line in Bgpdump.LinesAsync(path))
        {
            lines.Add(BgpdumpLine.Parse(line));
        }
        Assert.Equal(original.Count, lines.Count);
        for (var i = 0; i < original.Count; i++)
        {
            var (element, line) = (original[i], lines[i]);
            Assert.Equal(element.Action == RouteAction.Withdraw ? BgpdumpLine.Withdrawal : BgpdumpLine.Announcement, line.Kind);
            Assert.Equal(element.Prefix, line.Prefix);
            Assert.Equal(element.PeerAddress, line.PeerAddress);
            Assert.Equal(element.PeerAsn, line.PeerAsn);
            Assert.Equal(element.Timestamp.ToUnixTimeSeconds(), line.Timestamp);
            if (element.Action == RouteAction.Announce && element.OriginAsn != 0)
            {
                Assert.Equal(element.OriginAsn.ToString(System.Globalization.CultureInfo.InvariantCulture), line.AsPath);
            }
        }
    }

    [Fact]
    public void AnIPv6PrefixFromAnIPv4PeerTravelsInMultiprotocolAttributes()
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(1_733_390_000);
        var elements = new[]
        {
            new RouteElement(time, IPAddress.Parse("198.51.100.7"), 6697, Prefix.Parse("2a00:1760::/29"), RouteAction.Announce, 6697),
            new RouteElement(time, IPAddress.Parse("198.51.100.7"), 6697, Prefix.Parse("2a00:1760::/29"), RouteAction.Withdraw, 0),
            new RouteElement(time, IPAddress.Parse("2001:db8::7"), 4_200_000_000, Prefix.Parse("178.120.0.0/13"), RouteAction.Announce, 4_200_000_001),
        };
        Assert.Equal(elements, MrtReader.ReadRouteElements(new MemoryStream(Bgp4mpWriter.ToBytes(elements))).ToList());
    }

    /// <summary>A session loss is a BGP4MP_STATE_CHANGE_AS4 record, Established to Idle, as bgpdump prints it.</summary>
    [Fact]
    public async Task APeerDownIsAStateChangeThatBgpdumpPrints()
    {
        var path = Path.Combine(_folder, "state.mrt");
        using (var file = File.Create(path))
        {
            new Bgp4mpWriter(file, 64512).WritePeerDown(DateTimeOffset.FromUnixTimeSeconds(1_733_390_000), IPAddress.Parse("198.51.100.7"), 6697);
        }
        var lines = new List<string>();
        await foreach (var line in Bgpdump.LinesAsync(path))
        {
            lines.Add(line);
        }
        Assert.Equal(["BGP4MP|1733390000|STATE|198.51.100.7|6697|6|1"], lines);
    }

    private static RouteElement Seconds(RouteElement element) =>
        element with { Timestamp = DateTimeOffset.FromUnixTimeSeconds(element.Timestamp.ToUnixTimeSeconds()), OriginAsn = element.Action == RouteAction.Withdraw ? 0 : element.OriginAsn };

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
