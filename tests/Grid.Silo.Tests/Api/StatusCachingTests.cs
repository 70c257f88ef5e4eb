using System.Net;
using System.Net.Http.Headers;

namespace Grid.Silo.Tests.Api;

/// <summary>Pollers revalidate status with If-None-Match and get 304; freshness follows the demo's 5 s evaluation tick.</summary>
public sealed class StatusCachingTests(ApiSilo api) : IClassFixture<ApiSilo>
{
    [Theory]
    [InlineData("/v1/countries/BY")]
    [InlineData("/v1/countries")]
    [InlineData("/v1/asns/AS65101")]
    [InlineData("/v1/countries/BY/badge.svg")]
    public async Task AConditionalRequestWithTheCurrentETagGets304WithoutABody(string path)
    {
        // The demo's data moves on every few seconds; retry until two requests fall within one state.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var first = await api.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var tag = first.Headers.ETag;
            Assert.NotNull(tag);
            Assert.False(tag.IsWeak);
            AssertFreshness(first.Headers.CacheControl);

            using var conditional = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { IfNoneMatch = { tag } } };
            using var second = await api.Http.SendAsync(conditional);
            if (second.StatusCode == HttpStatusCode.OK)
            {
                Assert.NotEqual(tag, second.Headers.ETag);
                continue;
            }

            Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
            Assert.Equal(tag, second.Headers.ETag);
            AssertFreshness(second.Headers.CacheControl);
            Assert.Empty(await second.Content.ReadAsByteArrayAsync());
            return;
        }

        Assert.Fail($"{path} never answered 304 to its own ETag in 20 tries.");
    }

    [Fact]
    public async Task AStaleOrWeakenedTagIsComparedWeakly()
    {
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/v1/countries/BY") { Headers = { IfNoneMatch = { new EntityTagHeaderValue("\"0000000000000000\"") } } };
        using var answer = await api.Http.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.NotEmpty(await answer.Content.ReadAsByteArrayAsync());

        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var first = await api.Http.GetAsync("/v1/countries/KZ");
            var weak = new EntityTagHeaderValue(first.Headers.ETag!.Tag, isWeak: true);
            using var conditional = new HttpRequestMessage(HttpMethod.Get, "/v1/countries/KZ") { Headers = { IfNoneMatch = { weak } } };
            using var second = await api.Http.SendAsync(conditional);
            if (second.StatusCode == HttpStatusCode.NotModified)
            {
                return;
            }
        }

        Assert.Fail("A W/ copy of the current tag never matched.");
    }

    [Fact]
    public async Task HistoryIsNotTaggedLikeStatus()
    {
        using var history = await api.Http.GetAsync("/v1/countries/BY/signals");
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        Assert.Null(history.Headers.ETag);
    }

    private static void AssertFreshness(CacheControlHeaderValue? cacheControl)
    {
        Assert.NotNull(cacheControl);
        Assert.True(cacheControl.Public);
        Assert.NotNull(cacheControl.MaxAge);
        // Grid:Detection:Tick is 5 s in the demo: never longer than a tick, never 0.
        Assert.InRange(cacheControl.MaxAge.Value.TotalSeconds, 1, 5);
    }
}
