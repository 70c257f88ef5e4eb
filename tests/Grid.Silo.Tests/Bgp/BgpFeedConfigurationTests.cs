using Grid.Grains.Visibility;
using Grid.Silo.Feeds.Bgp;

namespace Grid.Silo.Tests.Bgp;

/// <summary><c>Grid:Bgp</c> becomes the speaker's options, and every mistake names the key to fix.</summary>
public sealed class BgpFeedConfigurationTests
{
    private static BgpFeedOptions Valid() => new()
    {
        Listen = "127.0.0.1:1179",
        LocalAs = 64512,
        RouterId = "192.0.2.1",
        Peers = [new BgpFeedPeer { Address = "192.0.2.7", As = 65001, FullFeed = "true", Passive = true }],
    };

    [Fact]
    public void AValidSectionGivesTheSpeakerAndItsPeers()
    {
        var speaker = BgpFeedConfiguration.Speaker(Valid());
        Assert.Equal((64512u, 0xC000_0201u, 1179), (speaker.LocalAs, speaker.RouterId, speaker.Listen!.Port));
        var (peer, mode) = Assert.Single(BgpFeedConfiguration.Peers(Valid()));
        Assert.Equal(("192.0.2.7", 65001u, true, FullFeedMode.Always), (peer.Address.ToString(), peer.As, peer.Passive, mode));
    }

    public static TheoryData<string, Action<BgpFeedOptions>> Mistakes => new()
    {
        { "Grid:Bgp:Listen", o => o.Listen = "localhost" },
        { "Grid:Bgp:LocalAs", o => o.LocalAs = 0 },
        { "Grid:Bgp:RouterId", o => o.RouterId = "2001:db8::1" },
        { "Grid:Bgp:Peers:0:Address", o => o.Peers[0].Address = "router-1" },
        { "Grid:Bgp:Peers:0:As", o => o.Peers[0].As = 0 },
        { "Grid:Bgp:Peers:0:FullFeed", o => o.Peers[0].FullFeed = "yes" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void AMistakeNamesItsKey(string key, Action<BgpFeedOptions> spoil)
    {
        var options = Valid();
        spoil(options);
        var error = Assert.Throws<InvalidOperationException>(() => (BgpFeedConfiguration.Speaker(options), BgpFeedConfiguration.Peers(options)));
        Assert.StartsWith(key, error.Message, StringComparison.Ordinal);
    }
}
