using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Grid.Grains.Backtesting;
using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Grains.Signals;
using Grid.Geography;
using Grid.Silo.Tests.Api;
using Grid.Testing.Silo;
using Microsoft.Extensions.Configuration;

namespace Grid.Silo.Tests.Signals;

/// <summary>
/// <c>POST /v1/signals</c> on a real silo: points are judged on their own time, so a series with a
/// drop raises the event <c>grid backtest</c> finds in the same series, with the same start and
/// level; late points and bad items are refused one by one with their reasons.
/// </summary>
public sealed class SignalIntakeTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2021, 2, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The silo's and the backtest's settings for <c>answers</c>, in configuration's own keys.</summary>
    private static readonly Dictionary<string, string?> Detection = new()
    {
        ["Grid:Detection:Signals:answers:Like"] = "probes",
        ["Grid:Detection:Signals:answers:WarmUp"] = "1.00:00:00",
        ["Grid:Detection:Signals:answers:MinDuration"] = "02:00:00",
    };

    private SiloProcess? _silo;

    private SiloProcess Silo => _silo!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(Detection.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value))
        {
            ["Grid__Feeds__RisLive__Enabled"] = "false",
        };
        _silo = await SiloProcess.StartAsync([], ApiSilo.Settings(settings));
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task ASeriesWithADropRaisesTheEventTheBacktestFinds()
    {
        // A country and one of its regions, shuffled: the silo orders each entity's points by time, as the backtest does.
        var series = Series("country/MM").Concat(Series("region/MM-Bago")).ToList();
        var shuffled = series.OrderBy(p => p.At.Ticks * 7919 % 1_000_003).ToList();
        using var response = await Silo.Http.SendAsync(ApiSilo.With(ApiSilo.IngestKey, HttpMethod.Post, "/v1/signals", JsonContent.Create(new
        {
            points = shuffled.Select(p => new { time = p.At.ToString("O", CultureInfo.InvariantCulture), entity = SeriesEntity.Location(p.Entity), signal = p.Signal, value = p.Value }),
        })));
        var body = await ApiSilo.JsonAsync(response);
        Assert.Equal(series.Count, body.GetProperty("accepted").GetInt32());
        Assert.Equal(0, body.GetProperty("refused").GetArrayLength());

        var expected = await BacktestAsync(series);
        Assert.Equal(["country/MM", "region/MM-BAGO"], expected.Events.Select(e => CodfEvent.From(e).Location).Order());
        var events = await ApiSilo.JsonAsync(await Silo.Http.GetAsync("/v1/events?country=MM"));
        var live = events.GetProperty("items").EnumerateArray().ToDictionary(e => e.GetProperty("location").GetString()!);
        Assert.Equal(2, live.Count);
        foreach (var backtested in expected.Events)
        {
            var found = live[CodfEvent.From(backtested).Location];
            Assert.Equal(backtested.Start, found.GetProperty("startTime").GetDateTimeOffset());
            Assert.Equal(backtested.End, found.GetProperty("endTime").GetDateTimeOffset());
            Assert.Equal(backtested.Level.ToString().ToLowerInvariant(), found.GetProperty("level").GetString());
            // The drop began at 02:00 on the third day; the region's event names its country.
            Assert.Equal(Start.AddDays(2).AddHours(2), backtested.Start);
            Assert.Equal("MM", found.GetProperty("country").GetString());
        }
    }

    [Fact]
    public async Task CsvPointsTooLateOrBadAreRefusedOneByOneAndTheRestKept()
    {
        // The entity's clock reaches 12:00 first; a second batch then brings older points.
        using var first = await Silo.Http.SendAsync(ApiSilo.With(ApiSilo.IngestKey, HttpMethod.Post, "/v1/signals", new StringContent("time,entity,signal,value\n2021-03-01T12:00:00Z,asn/AS6697,answers,50\n", Encoding.UTF8, "text/csv")));
        Assert.Equal(1, (await ApiSilo.JsonAsync(first)).GetProperty("accepted").GetInt32());
        var csv = new StringBuilder("time,entity,signal,value\n");
        csv.Append("2021-03-01T11:30:00Z,asn/AS6697,answers,40\n");
        csv.Append("2021-03-01T09:00:00Z,asn/AS6697,answers,40\n");
        csv.Append("2021-03-01T12:00:00Z,asn/AS6697,bgp,40\n");
        csv.Append("2021-03-01T12:00:00Z,region/MM-Bago,answers,40\n");
        csv.Append("noon,asn/AS6697,answers,40\n");
        using var response = await Silo.Http.SendAsync(ApiSilo.With(ApiSilo.IngestKey, HttpMethod.Post, "/v1/signals", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv")));
        var body = await ApiSilo.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The late point at 11:30 is within the hour's lateness: it is kept at its own time; so is the region's.
        Assert.Equal(2, body.GetProperty("accepted").GetInt32());
        var refused = body.GetProperty("refused").EnumerateArray().ToDictionary(r => r.GetProperty("index").GetInt32(), r => r.GetProperty("reason").GetString()!);
        Assert.Equal([1, 2, 4], refused.Keys.Order());
        Assert.Contains("behind AS6697's clock", refused[1], StringComparison.Ordinal);
        Assert.Contains("Grid:Signals:MaxLateness", refused[1], StringComparison.Ordinal);
        Assert.Contains("counted from routes", refused[2], StringComparison.Ordinal);
        Assert.Contains("'noon' is not a time", refused[4], StringComparison.Ordinal);

        var history = await ApiSilo.JsonAsync(await Silo.Http.GetAsync("/v1/asns/AS6697/signals?from=2021-03-01T11:00:00Z&until=2021-03-01T12:30:00Z&step=1800"));
        var answers = history.GetProperty("signals").GetProperty("answers").EnumerateArray().Select(p => p.GetProperty("value").GetInt64()).ToList();
        Assert.Equal([40L, 50L], answers.Distinct());
    }

    [Fact]
    public async Task AFuturePointAndAnEntityTooCostlyToJudgeAreRefusedAndTheRestKept()
    {
        var future = DateTimeOffset.UtcNow.AddHours(1).ToString("O", CultureInfo.InvariantCulture);
        var body = $$"""
            {"points":[
              {"time":"{{future}}","entity":"country/BY","signal":"answers","value":1},
              {"time":"1900-01-01T00:00:00Z","entity":"asn/AS1","signal":"answers","value":1},
              {"time":"2000-01-01T00:00:00Z","entity":"asn/AS1","signal":"answers","value":1},
              {"time":"2021-03-01T11:00:00Z","entity":"country/KZ","signal":"answers","value":9},
              {"time":"2021-03-01T12:00:00Z","entity":"country/KZ","signal":"answers","value":8}
            ]}
            """;
        using var response = await Silo.Http.SendAsync(ApiSilo.With(ApiSilo.IngestKey, HttpMethod.Post, "/v1/signals", new StringContent(body, Encoding.UTF8, "application/json")));
        var answer = await ApiSilo.JsonAsync(response);

        // A point an hour ahead would have moved BY's clock past every real point; a century of AS1 is 52M steps.
        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        var refused = answer.GetProperty("refused").EnumerateArray().ToDictionary(r => r.GetProperty("index").GetInt32(), r => r.GetProperty("reason").GetString()!);
        Assert.Equal([0, 1, 2], refused.Keys.Order());
        Assert.Contains("in the future", refused[0], StringComparison.Ordinal);
        Assert.Contains("past 2,000,000 steps", refused[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WritingNeedsTheIngestScopeAndNothingKeptIs422()
    {
        var point = new StringContent("""{"points":[{"time":"2021-03-01T12:00:00Z","entity":"country/BY","signal":"answers","value":1}]}""", Encoding.UTF8, "application/json");
        using var open = await Silo.Http.PostAsync("/v1/signals", point);
        await ApiSilo.ProblemAsync(open, 401);
        using var reader = await Silo.Http.SendAsync(ApiSilo.With(ApiSilo.ReadKey, HttpMethod.Post, "/v1/signals", new StringContent("[]", Encoding.UTF8, "application/json")));
        await ApiSilo.ProblemAsync(reader, 403);
        using var bad = await Silo.Http.SendAsync(ApiSilo.With(ApiSilo.IngestKey, HttpMethod.Post, "/v1/signals", new StringContent("""[{"time":"2021-03-01T12:00:00Z","entity":"BY","signal":"answers","value":1}]""", Encoding.UTF8, "application/json")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var body = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, body.GetProperty("accepted").GetInt32());
        Assert.Contains("write country/BY", body.GetProperty("refused")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Four days of hourly answers near 100, with a cut to 3 from 02:00 to 08:00 on the third day.</summary>
    private static IEnumerable<SeriesPoint> Series(string entity)
    {
        Assert.True(SeriesEntity.TryParse(entity, out var key, out _));
        for (var hour = 0; hour < 96; hour++)
        {
            var at = Start.AddHours(hour);
            var value = hour is >= 50 and < 56 ? 3 : 100 + (hour * 37 % 11) - 5;
            yield return new SeriesPoint(at, key, "answers", value);
        }
    }

    private static Task<BacktestResult> BacktestAsync(IReadOnlyList<SeriesPoint> series)
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(Detection).Build().GetSection(DetectionOptions.Section);
        var detection = new DetectionOptions();
        section.Bind(detection);
        SignalLikeness.Apply(detection, section);
        return new Backtest(detection, new SignalOptions()).RunAsync(series);
    }
}
