using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Grid.Silo.Tests.Api;

/// <summary>The normal path and a bad input of the endpoints the other API tests do not cover.</summary>
public sealed class OtherEndpointTests(ApiSilo api) : IClassFixture<ApiSilo>
{
    [Theory]
    [InlineData("/v1/feeds")]
    [InlineData("/v1/peers")]
    [InlineData("/v1/probes/status")]
    [InlineData("/v1/elections")]
    [InlineData("/v1/elections?country=BY")]
    public async Task OpenReadsAnswerJson(string path)
    {
        using var response = await api.Http.GetAsync(path);
        var body = await ApiSilo.JsonAsync(response);
        Assert.NotEqual(JsonValueKind.Undefined, body.ValueKind);
    }

    [Fact]
    public async Task ElectionsRefuseAMalformedCountry()
    {
        using var response = await api.Http.GetAsync("/v1/elections?country=Belarus!");
        await ApiSilo.ProblemAsync(response, 400);
    }

    [Fact]
    public async Task AlertsNeedAdminAndAKnownStatus()
    {
        using var open = await api.Http.GetAsync("/v1/alerts");
        await ApiSilo.ProblemAsync(open, 401);
        using var reader = await api.Http.SendAsync(ApiSilo.With(ApiSilo.ReadKey, HttpMethod.Get, "/v1/alerts"));
        await ApiSilo.ProblemAsync(reader, 403);
        using var bad = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Get, "/v1/alerts?status=lost"));
        await ApiSilo.ProblemAsync(bad, 400);
        using var listed = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Get, "/v1/alerts?status=failed"));
        Assert.Equal(JsonValueKind.Array, (await ApiSilo.JsonAsync(listed)).ValueKind);
    }

    [Fact]
    public async Task ElectionEntriesNeedAdminAndACountryAndDate()
    {
        var entry = JsonContent.Create(new[] { new { country = "MM", date = "2030-11-08", type = "general" } });
        using var open = await api.Http.PostAsync("/v1/elections", entry);
        await ApiSilo.ProblemAsync(open, 401);
        using var bad = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/elections", new StringContent("[{\"country\":\"MM\"}]", Encoding.UTF8, "application/json")));
        await ApiSilo.ProblemAsync(bad, 400);
        using var added = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/elections", JsonContent.Create(new[] { new { country = "MM", date = "2030-11-08", type = "general" } })));
        Assert.True((await ApiSilo.JsonAsync(added)).GetProperty("added").GetInt32() <= 1);
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1899-12-31")]
    [InlineData("2101-01-01")]
    [InlineData("9999-12-31")]
    public async Task ElectionDaysOutside1900To2100AreRefused(string date)
    {
        using var response = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/elections", JsonContent.Create(new[] { new { country = "KZ", date, type = "out of range" } })));
        var problem = await ApiSilo.ProblemAsync(response, 400);
        Assert.Equal("Election date out of range", problem.GetProperty("title").GetString());
        var listed = await api.GetJsonAsync("/v1/elections?country=KZ");
        Assert.DoesNotContain(listed.EnumerateArray(), e => e.GetProperty("type").GetString() == "out of range");
    }

    [Fact]
    public async Task AnElectionEntryIsRemovedByItsIdWithTheAdminScope()
    {
        using var added = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/elections", JsonContent.Create(new { country = "AZ", date = "2100-12-31", type = "to be removed" })));
        Assert.Equal(1, (await ApiSilo.JsonAsync(added)).GetProperty("added").GetInt32());
        var entry = (await api.GetJsonAsync("/v1/elections?country=AZ")).EnumerateArray().Single(e => e.GetProperty("type").GetString() == "to be removed");
        var id = entry.GetProperty("id").GetString()!;
        Assert.StartsWith("AZ-2100-12-31-", id, StringComparison.Ordinal);
        Assert.Equal("2101-01-08T00:00:00+00:00", entry.GetProperty("watchUntil").GetString());

        using var open = await api.Http.DeleteAsync($"/v1/elections/{id}");
        await ApiSilo.ProblemAsync(open, 401);
        using var reader = await api.Http.SendAsync(ApiSilo.With(ApiSilo.ReadKey, HttpMethod.Delete, $"/v1/elections/{id}"));
        await ApiSilo.ProblemAsync(reader, 403);
        using var removed = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Delete, $"/v1/elections/{id}"));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.DoesNotContain((await api.GetJsonAsync("/v1/elections?country=AZ")).EnumerateArray(), e => e.GetProperty("id").GetString() == id);
        using var again = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Delete, $"/v1/elections/{id}"));
        await ApiSilo.ProblemAsync(again, 404);
    }

    [Fact]
    public async Task ProbeResultsNeedTheIngestScope()
    {
        using var open = await api.Http.PostAsync("/v1/probes/results", new StringContent("[]", Encoding.UTF8, "application/json"));
        await ApiSilo.ProblemAsync(open, 401);
        using var reader = await api.Http.SendAsync(ApiSilo.With(ApiSilo.ReadKey, HttpMethod.Post, "/v1/probes/results", new StringContent("[]", Encoding.UTF8, "application/json")));
        await ApiSilo.ProblemAsync(reader, 403);
        using var ingest = await api.Http.SendAsync(ApiSilo.With(ApiSilo.IngestKey, HttpMethod.Post, "/v1/probes/results", new StringContent("[]", Encoding.UTF8, "application/json")));
        Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
    }

    [Fact]
    public async Task SubscriptionsRefuseBadBodiesAndUnknownIds()
    {
        using var bad = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/subscriptions", JsonContent.Create(new { url = "http://127.0.0.1:9/" })));
        await ApiSilo.ProblemAsync(bad, 400);
        using var unknown = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Delete, "/v1/subscriptions/nope"));
        await ApiSilo.ProblemAsync(unknown, 404);
    }
}
