using System.Net.Http.Json;
using Grid.Silo.Tests.Api;

namespace Grid.Silo.Tests.Watch;

/// <summary>
/// A blank <c>Grid:Watch:Stop</c> is no STOP file, not a path that cannot be opened: the calendar is
/// listed and served as iCalendar, each risk resting on Grid's own events and saying so.
/// </summary>
public sealed class BlankStopTests(BlankStopSilo api) : IClassFixture<BlankStopSilo>
{
    [Fact]
    public async Task TheCalendarIsListedWithRisksFromGridsOwnEvents()
    {
        using var added = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch",
            JsonContent.Create(new { kind = "election", country = "BY", start = "2031-08-09", title = "Election for President" })));
        Assert.Equal(1, (await ApiSilo.JsonAsync(added)).GetProperty("added").GetInt32());

        using var listed = await api.Http.GetAsync("/v1/watch?country=BY&kind=election");
        var entry = Assert.Single((await ApiSilo.JsonAsync(listed)).EnumerateArray(), e => e.GetProperty("start").GetString() == "2031-08-09");
        var reasons = entry.GetProperty("risk").GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.StartsWith("no STOP history loaded", reasons[0], StringComparison.Ordinal);

        using var calendar = await api.Http.GetAsync("/v1/watch.ics?country=BY");
        Assert.True(calendar.IsSuccessStatusCode, $"{(int)calendar.StatusCode}: {await calendar.Content.ReadAsStringAsync()}");
    }
}
