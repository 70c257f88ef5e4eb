using Grid.Client.Http;

namespace Grid.Client.Tests;

/// <summary>RFC 8288 §3 as the client reads it: several links, quoted or bare rel, commas inside the URI.</summary>
public sealed class LinkHeaderTests
{
    [Fact]
    public void SeveralLinksEachWithTheirRelations()
    {
        var links = LinkHeader.Parse("</v1/events?cursor=a,b>; rel=\"next\"; title=\"more; later\", <https://grid.example/v1/events>; rel=first").ToList();

        Assert.Equal([("/v1/events?cursor=a,b", "next"), ("https://grid.example/v1/events", "first")], links);
    }

    [Fact]
    public void RelIsASpaceSeparatedListAndOnlyTheFirstRelCounts()
    {
        var links = LinkHeader.Parse("</p2>; rel=\"prefetch next\"; rel=\"last\"").ToList();

        Assert.Equal([("/p2", "prefetch next")], links);
    }

    [Fact]
    public void AHeaderWithoutTargetsHasNoLinks()
    {
        Assert.Empty(LinkHeader.Parse("rel=next"));
    }
}
