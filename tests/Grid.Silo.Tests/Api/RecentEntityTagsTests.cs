using System.Text;
using Grid.Silo.Api.Caching;

namespace Grid.Silo.Tests.Api;

/// <summary>A remembered tag is only ever the FNV-1a tag of the very bytes being sent.</summary>
public sealed class RecentEntityTagsTests
{
    [Fact]
    public void TheSameBytesGetTheSameTagAndChangedBytesTheirOwn()
    {
        var tags = new RecentEntityTags();
        var before = Encoding.UTF8.GetBytes("""{"code":"BY","level":"normal"}""");
        var after = Encoding.UTF8.GetBytes("""{"code":"BY","level":"warning"}""");

        Assert.Equal(EntityTag.Of(before), tags.TagOf("/v1/countries/BY", before));
        Assert.Equal(EntityTag.Of(before), tags.TagOf("/v1/countries/BY", [.. before]));
        Assert.Equal(EntityTag.Of(after), tags.TagOf("/v1/countries/BY", after));
        Assert.Equal(EntityTag.Of(before), tags.TagOf("/v1/countries/BY", before));
    }

    [Fact]
    public void PathsPastTheCapacityAreStillTaggedCorrectly()
    {
        var tags = new RecentEntityTags();
        for (var i = 0; i < RecentEntityTags.Capacity + 10; i++)
        {
            var body = Encoding.UTF8.GetBytes($$"""{"code":"AS{{i}}"}""");
            Assert.Equal(EntityTag.Of(body), tags.TagOf($"/v1/asns/AS{i}", body));
            Assert.Equal(EntityTag.Of(body), tags.TagOf($"/v1/asns/AS{i}", body));
        }
    }
}
