using System.Net.Http.Json;
using System.Text;
using Grid.Silo.Tests.Api;
using Ical.Net;

namespace Grid.Silo.Tests.Watch;

/// <summary>
/// <c>GET /v1/watch.ics</c> read twice: by Ical.Net, an independent RFC 5545 reader, and octet by
/// octet against the rules a reader may be lenient about (CRLF, 75-octet folding, required properties).
/// </summary>
[Collection(WatchSiloCollection.Name)]
public sealed class WatchIcsTests(WatchSilo api)
{
    // Commas, a semicolon, a backslash and a line break (TEXT escapes, §3.3.11), and Cyrillic long enough to be folded inside multi-octet characters.
    private const string Title = "Выпускные экзамены; ЕНТ, 11 класс \\ grade 11,\nfirst sitting — Единое национальное тестирование";

    [Fact]
    public async Task AnIcalendarReaderReadsEveryEntryBackWithItsFields()
    {
        await AddAsync(
            new { kind = "exam", country = "KG", start = "2033-06-14", end = "2033-06-30", title = Title, source = "testing.kg" },
            new { kind = "election", country = "KG", start = "2033-11-20", title = "Election for President" });
        var listed = (await api.GetJsonAsync("/v1/watch?country=KG")).EnumerateArray().ToList();

        var calendar = Calendar.Load(await api.Http.GetStringAsync("/v1/watch.ics?country=KG"))!;

        Assert.Equal(2, calendar.Events.Count);
        var exam = calendar.Events.Single(e => e.Categories.Contains("EXAM"));
        Assert.Equal($"KG: {Title} (exam)", exam.Summary);
        Assert.Equal(new DateOnly(2033, 6, 14), exam.DtStart!.Date);
        Assert.False(exam.DtStart.HasTime);
        // DTEND is exclusive (§3.6.1): the day after the last.
        Assert.Equal(new DateOnly(2033, 7, 1), exam.DtEnd!.Date);
        Assert.Equal(listed[0].GetProperty("id").GetString() + "@127.0.0.1", exam.Uid);
        Assert.Contains("Source: testing.kg", exam.Description, StringComparison.Ordinal);
        Assert.Contains("until 2033-07-02 00:00 UTC", exam.Description, StringComparison.Ordinal);
        var election = calendar.Events.Single(e => e.Categories.Contains("ELECTION"));
        Assert.Equal(new DateOnly(2033, 11, 21), election.DtEnd!.Date);
        Assert.NotNull(election.DtStamp);
    }

    [Fact]
    public async Task TheTextFollowsRfc5545LineByLine()
    {
        await AddAsync(new { kind = "protest", country = "TJ", start = "2033-02-01", title = Title });

        using var response = await api.Http.GetAsync("/v1/watch.ics?country=TJ");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var octets = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(octets);

        // §3.1: every line ends with CRLF; no bare LF or CR.
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        // §3.1: no line longer than 75 octets, and a fold never splits a UTF-8 character (each physical line decodes alone).
        var physical = text.Split("\r\n")[..^1];
        Assert.All(physical, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}"));
        Assert.Contains(physical, line => line.StartsWith(' '));
        Assert.All(physical, line => Assert.DoesNotContain('\uFFFD', line));

        var lines = string.Concat(text.Split("\r\n ")).Split("\r\n")[..^1];
        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Equal("END:VCALENDAR", lines[^1]);
        // §3.6: VERSION and PRODID are required once each.
        Assert.Single(lines, l => l == "VERSION:2.0");
        Assert.Single(lines, l => l.StartsWith("PRODID:", StringComparison.Ordinal));
        var start = Array.IndexOf(lines, "BEGIN:VEVENT");
        var end = Array.IndexOf(lines, "END:VEVENT");
        var vevent = lines[(start + 1)..end];
        // §3.6.1: UID and DTSTAMP are required once each, DTSTART once when the calendar has no METHOD (Grid writes it always); a date here.
        Assert.Single(vevent, l => l.StartsWith("UID:", StringComparison.Ordinal));
        Assert.Matches(@"^DTSTAMP:\d{8}T\d{6}Z$", Assert.Single(vevent, l => l.StartsWith("DTSTAMP:", StringComparison.Ordinal)));
        Assert.Equal("DTSTART;VALUE=DATE:20330201", Assert.Single(vevent, l => l.StartsWith("DTSTART", StringComparison.Ordinal)));
        Assert.Equal("DTEND;VALUE=DATE:20330202", Assert.Single(vevent, l => l.StartsWith("DTEND", StringComparison.Ordinal)));
        Assert.Equal("CATEGORIES:PROTEST", Assert.Single(vevent, l => l.StartsWith("CATEGORIES", StringComparison.Ordinal)));
        // §3.3.11: backslash, semicolon and comma escaped, the line break as \n.
        Assert.Equal(
            @"SUMMARY:TJ: Выпускные экзамены\; ЕНТ\, 11 класс \\ grade 11\,\nfirst sitting — Единое национальное тестирование (protest)",
            Assert.Single(vevent, l => l.StartsWith("SUMMARY:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task BadFiltersAreRefusedAsOnTheList()
    {
        using var response = await api.Http.GetAsync("/v1/watch.ics?kind=riot");
        await ApiSilo.ProblemAsync(response, 400);
    }

    private async Task AddAsync(params object[] entries)
    {
        using var response = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch", JsonContent.Create(entries)));
        Assert.Equal(entries.Length, (await ApiSilo.JsonAsync(response)).GetProperty("added").GetInt32());
    }
}
