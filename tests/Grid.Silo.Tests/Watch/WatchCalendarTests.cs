using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Grid.Silo.Tests.Api;

namespace Grid.Silo.Tests.Watch;

/// <summary>
/// The watch calendar through <c>/v1/watch</c> on a real silo: entries of every kind with their own
/// windows, the CSV import, the filters, the bounds, and <c>/v1/elections</c> still the elections.
/// Each test uses its own countries, so the shared silo's calendar does not mix them.
/// </summary>
[Collection(WatchSiloCollection.Name)]
public sealed class WatchCalendarTests(WatchSilo api)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task AnExamSeasonIsListedWithItsKindsWindowAndIsWatchedWhileItRuns()
    {
        var start = Today.AddDays(-2);
        var end = Today.AddDays(5);
        await AddAsync(new { kind = "exam", country = "Iraq", start = Day(start), end = Day(end), title = "Ministerial exams", source = "moe.gov.iq" });

        var listed = Assert.Single((await api.GetJsonAsync("/v1/watch?country=IQ")).EnumerateArray());
        Assert.Equal("exam", listed.GetProperty("kind").GetString());
        Assert.Equal("IQ", listed.GetProperty("country").GetString());
        Assert.Equal(Day(start), listed.GetProperty("start").GetString());
        Assert.Equal(Day(end), listed.GetProperty("end").GetString());
        Assert.Equal("moe.gov.iq", listed.GetProperty("source").GetString());
        // Grid:Watch:Kinds:exam is one day either side: from the day before the first to the end of the day after the last.
        Assert.Equal(At(start.AddDays(-1)), listed.GetProperty("watchFrom").GetDateTimeOffset());
        Assert.Equal(At(end.AddDays(2)), listed.GetProperty("watchUntil").GetDateTimeOffset());
        Assert.True(listed.GetProperty("watchedNow").GetBoolean());
        // Iraq cut the network for its exams year after year (STOP's "Exam cheating" rows): high, and the reasons cite them.
        var risk = listed.GetProperty("risk");
        Assert.Equal("high", risk.GetProperty("level").GetString());
        Assert.True(risk.GetProperty("parts").GetProperty("occasion").GetDouble() > 0, risk.GetRawText());
        Assert.Contains(risk.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.StartsWith("  Iraq 20", StringComparison.Ordinal) && r.GetString()!.Contains("Exam", StringComparison.OrdinalIgnoreCase));
        Assert.Single((await api.GetJsonAsync("/v1/watch?country=IQ&minRisk=high")).EnumerateArray());
        Assert.Empty((await api.GetJsonAsync("/v1/elections?country=IQ")).EnumerateArray());
    }

    [Fact]
    public async Task BelarussElectionOfAugust2020ScoresAboveACountryWithNoStopHistoryAndCitesItsRows()
    {
        await AddAsync(
            new { kind = "election", country = "Belarus", start = "2020-08-09", title = "Election for President" },
            new { kind = "election", country = "New Zealand", start = "2020-10-17", title = "Election for House of Representatives" });

        // The shared silo runs the demo, whose own Belarus election is today: take 2020's.
        var belarus = Assert.Single((await api.GetJsonAsync("/v1/watch?country=BY")).EnumerateArray(), e => e.GetProperty("start").GetString() == "2020-08-09").GetProperty("risk");
        var newZealand = Assert.Single((await api.GetJsonAsync("/v1/watch?country=NZ")).EnumerateArray()).GetProperty("risk");
        Assert.True(belarus.GetProperty("score").GetDouble() > newZealand.GetProperty("score").GetDouble(), $"{belarus} vs {newZealand}");
        Assert.Equal(0, newZealand.GetProperty("score").GetDouble());
        var reasons = belarus.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        // The rows before election day only: 2017's protest cut and June 2020's, not the cut that began on the day.
        Assert.Contains(reasons, r => r.Contains("Belarus 2017-03-25", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("Belarus 2020-06-19", StringComparison.Ordinal));
        Assert.DoesNotContain(reasons, r => r.Contains("Belarus 2020-08-09", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEntrysOwnWindowAndARegionAreKept()
    {
        var day = Today.AddDays(30);
        await AddAsync(new { kind = "protest", region = "kz-man", start = Day(day), beforeDays = 4, afterDays = 0 });

        var listed = Assert.Single((await api.GetJsonAsync("/v1/watch?country=KZ&kind=protest")).EnumerateArray());
        Assert.Equal("KZ-MAN", listed.GetProperty("region").GetString());
        Assert.Equal("KZ", listed.GetProperty("country").GetString());
        Assert.StartsWith("KZ-MAN-", listed.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(At(day.AddDays(-4)), listed.GetProperty("watchFrom").GetDateTimeOffset());
        Assert.Equal(At(day.AddDays(1)), listed.GetProperty("watchUntil").GetDateTimeOffset());
        Assert.False(listed.GetProperty("watchedNow").GetBoolean());
    }

    [Fact]
    public async Task UpcomingListsWindowsThatOpenWithinTheHorizonByDate()
    {
        await AddAsync(
            new { kind = "referendum", country = "AM", start = Day(Today.AddDays(60)), title = "later" },
            new { kind = "other", country = "AM", start = Day(Today.AddDays(10)), title = "sooner" },
            new { kind = "other", country = "AM", start = "2099-05-01", title = "far" },
            new { kind = "other", country = "AM", start = "2001-05-01", title = "past" });

        var upcoming = (await api.GetJsonAsync("/v1/watch?upcoming=90d&country=AM")).EnumerateArray().Select(e => e.GetProperty("title").GetString()).ToList();
        Assert.Equal(["sooner", "later"], upcoming);
        var all = (await api.GetJsonAsync("/v1/watch?country=am")).EnumerateArray().Select(e => e.GetProperty("title").GetString()).ToList();
        Assert.Equal(["past", "sooner", "later", "far"], all);
        var others = (await api.GetJsonAsync("/v1/watch?country=AM&kind=other")).EnumerateArray().Select(e => e.GetProperty("title").GetString()).ToList();
        Assert.Equal(["past", "sooner", "far"], others);
    }

    [Fact]
    public async Task AnElectionAddedHereIsAnElectionThereAndAnEntryIsRemovedByItsId()
    {
        await AddAsync(new { kind = "election", country = "Republic of Moldova", start = "2030-10-20", title = "Election for President" });

        var election = Assert.Single((await api.GetJsonAsync("/v1/elections?country=MD")).EnumerateArray());
        var listed = Assert.Single((await api.GetJsonAsync("/v1/watch?country=MD")).EnumerateArray());
        Assert.Equal(election.GetProperty("id").GetString(), listed.GetProperty("id").GetString());
        // Elections keep Grid:Elections' −3 d…+7 d.
        Assert.Equal(election.GetProperty("watchFrom").GetDateTimeOffset(), listed.GetProperty("watchFrom").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2030, 10, 17, 0, 0, 0, TimeSpan.Zero), listed.GetProperty("watchFrom").GetDateTimeOffset());

        var id = listed.GetProperty("id").GetString();
        using var reader = await api.Http.SendAsync(ApiSilo.With(ApiSilo.ReadKey, HttpMethod.Delete, $"/v1/watch/{id}"));
        await ApiSilo.ProblemAsync(reader, 403);
        using var removed = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Delete, $"/v1/watch/{id}"));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Empty((await api.GetJsonAsync("/v1/elections?country=MD")).EnumerateArray());
        using var again = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Delete, $"/v1/watch/{id}"));
        await ApiSilo.ProblemAsync(again, 404);
    }

    [Fact]
    public async Task TheWatchCsvImportsExamDatesAndReportsUnknownPlaces()
    {
        var csv = """
            kind,place,start,end,title,source,beforeDays,afterDays
            exam,SY,2031-06-01,2031-06-20,"Secondary school exams, grade 12",moe.gov.sy,,
            exam,Syrian Arab Republic,2031-07-10,,Basic education exams,,2,2
            protest,Atlantis,2031-01-01,,,,,
            """;
        using var response = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch", new StringContent(csv, Encoding.UTF8, "text/csv")));
        var import = await ApiSilo.JsonAsync(response);
        Assert.Equal(2, import.GetProperty("added").GetInt32());
        Assert.Equal(["Atlantis"], import.GetProperty("unmappedCountries").EnumerateArray().Select(e => e.GetString()));

        var listed = (await api.GetJsonAsync("/v1/watch?country=SY")).EnumerateArray().ToList();
        Assert.Equal("Secondary school exams, grade 12", listed[0].GetProperty("title").GetString());
        Assert.Equal("csv", listed[1].GetProperty("source").GetString());
        Assert.Equal(At(new DateOnly(2031, 7, 8)), listed[1].GetProperty("watchFrom").GetDateTimeOffset());

        using var again = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch", new StringContent(csv, Encoding.UTF8, "text/csv")));
        Assert.Equal(2, (await ApiSilo.JsonAsync(again)).GetProperty("duplicates").GetInt32());
    }

    [Theory]
    [InlineData("""{"kind":"exm","country":"IQ","start":"2031-06-01"}""", "one of election, exam")]
    [InlineData("""{"kind":"exam","start":"2031-06-01"}""", "'country'")]
    [InlineData("""{"kind":"exam","country":"IQ","start":"1899-12-31"}""", "from 1900-01-01 to 2100-12-31")]
    [InlineData("""{"kind":"exam","country":"IQ","start":"2031-06-01","end":"2101-01-01"}""", "from 1900-01-01 to 2100-12-31")]
    [InlineData("""{"kind":"exam","country":"IQ","start":"2031-06-01","end":"2031-05-01"}""", "on or after start")]
    [InlineData("""{"kind":"exam","country":"IQ","start":"June 1"}""", "2026-06-14")]
    [InlineData("""{"kind":"exam","country":"IQ","start":"2031-06-01","afterDays":400}""", "from 0 to 90")]
    [InlineData("""{"kind":"exam","region":"KZ","start":"2031-06-01"}""", "KZ-MAN")]
    [InlineData("""[{"kind":"exam","country":"IQ","start":"2031-06-01"}, null]""", "Entry 1 is null")]
    [InlineData("""{"kind": """, "Send JSON entries")]
    public async Task BadEntriesAreRefusedWithWhatToSend(string body, string advice)
    {
        using var response = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch", new StringContent(body, Encoding.UTF8, "application/json")));
        var problem = await ApiSilo.ProblemAsync(response, 400);
        Assert.Contains(advice, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain((await api.GetJsonAsync("/v1/watch?country=IQ&kind=exam")).EnumerateArray(), e => e.GetProperty("start").GetString() == "2031-06-01");
    }

    [Theory]
    [InlineData("/v1/watch?upcoming=ninety", "like 90d")]
    [InlineData("/v1/watch?upcoming=0d", "like 90d")]
    [InlineData("/v1/watch?kind=riot", "one of election")]
    [InlineData("/v1/watch?minRisk=severe", "one of low, medium, high")]
    [InlineData("/v1/watch?country=Iraq!", "ISO 3166-1")]
    public async Task BadQueriesAreRefusedWithWhatToSend(string path, string advice)
    {
        using var response = await api.Http.GetAsync(path);
        var problem = await ApiSilo.ProblemAsync(response, 400);
        Assert.Contains(advice, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WritesNeedTheAdminScopeAndABadCsvRowNamesItsLine()
    {
        var entry = JsonContent.Create(new { kind = "exam", country = "DZ", start = "2031-06-01" });
        using var open = await api.Http.PostAsync("/v1/watch", entry);
        await ApiSilo.ProblemAsync(open, 401);
        using var reader = await api.Http.SendAsync(ApiSilo.With(ApiSilo.ReadKey, HttpMethod.Post, "/v1/watch", JsonContent.Create(new { kind = "exam", country = "DZ", start = "2031-06-01" })));
        await ApiSilo.ProblemAsync(reader, 403);

        var csv = "kind,place,start,end,title,source\nexam,DZ,2031-06-01,,,\nexam,DZ,01/06/2031,,,\n";
        using var bad = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch", new StringContent(csv, Encoding.UTF8, "text/csv")));
        var problem = await ApiSilo.ProblemAsync(bad, 400);
        Assert.Contains("Line 3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // A bad row stops the whole file: the good row before it is not taken either.
        Assert.Empty((await api.GetJsonAsync("/v1/watch?country=DZ")).EnumerateArray());
    }

    [Fact]
    public async Task TheElectionsEndpointDoesNotRemoveAnExamButTheWatchEndpointDoes()
    {
        using var added = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch", JsonContent.Create(new { kind = "exam", country = "TN", start = "2032-06-01" })));
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        var id = Assert.Single((await api.GetJsonAsync("/v1/watch?country=TN")).EnumerateArray()).GetProperty("id").GetString()!;

        using var asElection = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Delete, $"/v1/elections/{id}"));
        var problem = await ApiSilo.ProblemAsync(asElection, 404);
        Assert.Contains($"DELETE /v1/watch/{id}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single((await api.GetJsonAsync("/v1/watch?country=TN")).EnumerateArray());

        using var removed = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Delete, $"/v1/watch/{id}"));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Empty((await api.GetJsonAsync("/v1/watch?country=TN")).EnumerateArray());
    }

    [Fact]
    public async Task TheCalendarAndTheBodyAreCapped()
    {
        var body = new string(' ', WatchSilo.MaxBodyBytes + 1);
        using var large = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch", new StringContent(body, Encoding.UTF8, "application/json")));
        await ApiSilo.ProblemAsync(large, 413);

        var many = Enumerable.Range(0, WatchSilo.MaxEntries + 1)
            .Select(i => new { kind = "other", country = "NP", start = Day(new DateOnly(2040, 1, 1).AddDays(i)) })
            .ToArray();
        using var full = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch", JsonContent.Create(many)));
        var problem = await ApiSilo.ProblemAsync(full, 400);
        Assert.Contains("Grid:Watch:MaxEntries", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await api.GetJsonAsync("/v1/watch?country=NP")).EnumerateArray());
    }

    [Fact]
    public async Task TheElectionsEndpointHasTheSameCapsAsTheWatchEndpoint()
    {
        var body = new string(' ', WatchSilo.MaxBodyBytes + 1);
        using var large = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/elections", new StringContent(body, Encoding.UTF8, "application/json")));
        await ApiSilo.ProblemAsync(large, 413);

        using var longType = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/elections", JsonContent.Create(new { country = "SN", date = "2042-02-24", type = new string('x', 201) })));
        Assert.Contains("at most 200", (await ApiSilo.ProblemAsync(longType, 400)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var many = Enumerable.Range(0, WatchSilo.MaxEntries + 1).Select(i => new { country = "SN", date = Day(new DateOnly(2042, 1, 1).AddDays(i)) }).ToArray();
        using var full = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/elections", JsonContent.Create(many)));
        Assert.Contains("Grid:Watch:MaxEntries", (await ApiSilo.ProblemAsync(full, 400)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await api.GetJsonAsync("/v1/elections?country=SN")).EnumerateArray());
    }

    private async Task AddAsync(params object[] entries)
    {
        using var response = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch", JsonContent.Create(entries)));
        var import = await ApiSilo.JsonAsync(response);
        Assert.Equal(entries.Length, import.GetProperty("added").GetInt32());
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
