using System.Net.Http.Json;
using System.Text;
using Grid.Silo.Tests.Api;

namespace Grid.Silo.Tests.Watch;

/// <summary>
/// What the worst admin-key holder can make the calendar keep, and what the calendar then hands to
/// every reader: no place or title longer than the calendar keeps, by JSON, by the watch CSV or by
/// ElectionGuide's export; no CSV cell read as another column; no control character in the
/// iCalendar text. Each test uses its own countries (MN, UZ, ZM, GH), so the shared silo's calendar
/// does not mix them with the others'.
/// </summary>
[Collection(WatchSiloCollection.Name)]
public sealed class WatchInputTests(WatchSilo api)
{
    // Region keys are a country and a short name: KZ-MAN, AZ-SHAKI-CITY.
    private static readonly string LongRegion = "UZ-" + new string('A', 5_000);

    [Fact]
    public async Task AnOverlongRegionIsRefusedByJsonAndByCsvAndNothingIsStored()
    {
        using var json = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch",
            JsonContent.Create(new { kind = "exam", region = LongRegion, start = "2031-06-01" })));
        var problem = await ApiSilo.ProblemAsync(json, 400);
        Assert.Contains("at most 200 characters", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var csv = $"kind,place,start,end,title,source\nexam,UZ,2031-06-02,,,\nexam,{LongRegion},2031-06-03,,,\n";
        using var row = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch", new StringContent(csv, Encoding.UTF8, "text/csv")));
        var rowProblem = await ApiSilo.ProblemAsync(row, 400);
        Assert.Contains("Line 3", rowProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Empty((await api.GetJsonAsync("/v1/watch?country=UZ")).EnumerateArray());
    }

    [Fact]
    public async Task ARegionBesideACountryItIsNotInIsRefused()
    {
        using var other = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch",
            JsonContent.Create(new { kind = "exam", region = "GH-AA", country = "BY", start = "2033-06-01" })));
        var problem = await ApiSilo.ProblemAsync(other, 400);
        Assert.Contains("region 'GH-AA' is in GH", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await api.GetJsonAsync("/v1/watch?country=GH")).EnumerateArray());

        // Its own country, by code or by name, is fine.
        using var own = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch",
            JsonContent.Create(new[] { new { kind = "exam", region = "GH-AA", country = "GH", start = "2033-06-01" }, new { kind = "exam", region = "GH-AA", country = "Ghana", start = "2033-06-02" } })));
        Assert.Equal(2, (await ApiSilo.JsonAsync(own)).GetProperty("added").GetInt32());
    }

    [Fact]
    public async Task AnElectionGuideRowWithAnOverlongNameIsSkippedAndTheOthersAreTaken()
    {
        var csv = $"date,country,election,status\n\"Mar. 1, 2031\",Mongolia,{new string('x', 5_000)},\n\"Mar. 2, 2031\",Mongolia,State Great Khural,\n";
        using var response = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch", new StringContent(csv, Encoding.UTF8, "text/csv")));
        var import = await ApiSilo.JsonAsync(response);

        Assert.Equal(1, import.GetProperty("added").GetInt32());
        Assert.Equal(1, import.GetProperty("skipped").GetInt32());
        var listed = Assert.Single((await api.GetJsonAsync("/v1/watch?country=MN")).EnumerateArray());
        Assert.Equal("State Great Khural", listed.GetProperty("title").GetString());
    }

    [Theory]
    // A spreadsheet that put the window columns the other way round: read by position, the windows would swap.
    [InlineData("kind,place,start,end,title,source,afterDays,beforeDays\nprotest,UZ,2031-05-01,,,,7,1\n", "the first line must be")]
    // An unquoted comma moves the title's second half into source.
    [InlineData("kind,place,start,end,title,source\nexam,UZ,2031-05-02,,Exams, grade 12,\n", "Line 2: it has 7 fields where the header names 6")]
    public async Task ACsvWhoseColumnsWouldBeReadAsOthersIsRefused(string csv, string advice)
    {
        using var response = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch", new StringContent(csv, Encoding.UTF8, "text/csv")));

        var problem = await ApiSilo.ProblemAsync(response, 400);
        Assert.Contains(advice, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await api.GetJsonAsync("/v1/watch?country=UZ")).EnumerateArray());
    }

    [Fact]
    public async Task ADeleteCharacterInATitleDoesNotReachTheIcalendarText()
    {
        using var added = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch",
            JsonContent.Create(new { kind = "exam", country = "ZM", start = "2031-10-05", title = "Grade 12\u007f exams" })));
        Assert.Equal(1, (await ApiSilo.JsonAsync(added)).GetProperty("added").GetInt32());

        var text = await api.Http.GetStringAsync("/v1/watch.ics?country=ZM");

        // RFC 5545 §3.1: CONTROL is %x00-08, %x0A-1F and %x7F, and TEXT holds none (§3.3.11).
        Assert.DoesNotContain('\u007f', text);
        Assert.Contains("SUMMARY:ZM: Grade 12 exams (exam)\r\n", text, StringComparison.Ordinal);
    }
}
