using System.Net;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Api;

/// <summary>A flood gets 429 with Retry-After and a problem body; keys and addresses have buckets of their own.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const int Burst = 20;
    private SiloProcess _silo = null!;

    public async Task InitializeAsync() => _silo = await ApiSilo.StartAsync(new Dictionary<string, string?>
    {
        ["Grid__RateLimits__PerAddress__PermitsPerSecond"] = "1",
        ["Grid__RateLimits__PerAddress__Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Grid__RateLimits__PerKey__PermitsPerSecond"] = "1",
        ["Grid__RateLimits__PerKey__Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task AFloodFromOneAddressGets429WithRetryAfterWhileAKeyKeepsItsOwnBucketAndHealthIsExempt()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < Burst * 3; i++)
        {
            var response = await _silo.Http.GetAsync("/v1/countries/BY");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && rejected is null)
            {
                rejected = response;
            }
            else
            {
                response.Dispose();
            }
        }

        // One permit a second refills the bucket: at most a few more than the burst get through.
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), Burst, Burst + 5);
        Assert.NotNull(rejected);
        using (rejected)
        {
            var problem = await ApiSilo.ProblemAsync(rejected, 429);
            Assert.Equal("Too many requests", problem.GetProperty("title").GetString());
            var retryAfter = Assert.Single(rejected.Headers.GetValues("Retry-After"));
            Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        }

        // The same address with a valid key draws on the key's bucket; an invented key does not help.
        using var keyed = await _silo.Http.SendAsync(ApiSilo.With(ApiSilo.ReadKey, HttpMethod.Get, "/v1/countries/BY"));
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        using var invented = await _silo.Http.SendAsync(ApiSilo.With("made-up-key", HttpMethod.Get, "/v1/countries/BY"));
        Assert.Equal(HttpStatusCode.TooManyRequests, invented.StatusCode);
        using var health = await _silo.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task AKeyThatFloodsIsLimitedByItself()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Burst * 3; i++)
        {
            using var response = await _silo.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Get, "/v1/keys"));
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), Burst, Burst + 5);
    }
}
