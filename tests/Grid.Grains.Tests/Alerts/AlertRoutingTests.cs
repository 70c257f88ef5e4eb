using System.Text.Json;
using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Grains.Entities;

namespace Grid.Grains.Tests.Alerts;

public sealed class AlertRoutingTests
{
    private static readonly AnomalyEvent AsCritical = new(
        "AS6697-1-critical", "AS6697", EntityKind.As, "BY", DetectionLevel.Critical, DetectionLevel.Normal,
        new DateTimeOffset(2020, 8, 9, 6, 5, 0, TimeSpan.Zero), "AS6697-1",
        [new SignalReading("bgp", 300, 1000, 0.3, DetectionLevel.Critical)], false);

    [Fact]
    public void ACountryListMatchesTheCountryAndItsAses()
    {
        Assert.True(AlertRouting.Matches(Subscribe(countries: ["BY"]), AsCritical, inElection: false));
        Assert.False(AlertRouting.Matches(Subscribe(countries: ["KZ"]), AsCritical, inElection: false));
        Assert.True(AlertRouting.Matches(Subscribe(asns: [6697]), AsCritical, inElection: false));
        Assert.True(AlertRouting.Matches(Subscribe(), AsCritical, inElection: false));
    }

    [Fact]
    public void ARegionIsHeardByItsOwnListAndByItsCountrysButNotByAnotherRegionOrCountry()
    {
        var region = AsCritical with { Id = "BY-MINSK-CITY-1-critical", Entity = "BY-MINSK-CITY", Kind = EntityKind.Region, EventId = "BY-MINSK-CITY-1" };

        Assert.True(AlertRouting.Matches(Subscribe(regions: ["by-minsk-city"]), region, inElection: false));
        Assert.True(AlertRouting.Matches(Subscribe(countries: ["BY"]), region, inElection: false));
        Assert.False(AlertRouting.Matches(Subscribe(regions: ["BY-BREST"]), region, inElection: false));
        Assert.False(AlertRouting.Matches(Subscribe(countries: ["KZ"]), region, inElection: false));
        // A region list narrows as the other lists do, and names no AS or country.
        Assert.False(AlertRouting.Matches(Subscribe(regions: ["BY-MINSK-CITY"]), AsCritical, inElection: false));
        // A subscription stored before regions existed has a null list: it still hears everything.
        Assert.True(AlertRouting.Matches(Subscribe() with { Regions = null }, region, inElection: false));
    }

    [Fact]
    public void ElectionOnlySubscribersHearOnlyWhatHappensInsideAWatchWindow()
    {
        Assert.False(AlertRouting.Matches(Subscribe(electionOnly: true), AsCritical, inElection: false));
        Assert.True(AlertRouting.Matches(Subscribe(electionOnly: true), AsCritical, inElection: true));
        Assert.Equal(["election"], AlertRouting.Tags(inElection: true));
    }

    [Fact]
    public void ASubscriberHearsTheRecoveryOfWhatItWasToldAndNothingBelowItsLevel()
    {
        var warning = AsCritical with { Level = DetectionLevel.Warning };
        var recovery = AsCritical with { Level = DetectionLevel.Normal, PreviousLevel = DetectionLevel.Critical };
        var warmUp = AsCritical with { Level = DetectionLevel.Normal, PreviousLevel = DetectionLevel.Unknown };

        Assert.False(AlertRouting.Matches(Subscribe(minLevel: DetectionLevel.Critical), warning, inElection: false));
        Assert.True(AlertRouting.Matches(Subscribe(minLevel: DetectionLevel.Critical), recovery, inElection: false));
        Assert.False(AlertRouting.CanMatch(warmUp));
    }

    [Fact]
    public void TheSlackFormatIsOneTextField()
    {
        var body = JsonDocument.Parse(WebhookBody.Write(AsCritical, "id", Subscribe() with { Format = Subscription.SlackFormat }, ["election"])).RootElement;

        Assert.Equal(["text"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Grid: AS6697 is critical (was normal) at 2020-08-09 06:05 UTC [election]. bgp 30% of baseline (critical)", body.GetProperty("text").GetString());
    }

    private static Subscription Subscribe(string[]? countries = null, uint[]? asns = null, DetectionLevel minLevel = DetectionLevel.Warning, bool electionOnly = false, string[]? regions = null) =>
        new("s1", "https://example.org/hook", "0123456789abcdef", countries ?? [], asns ?? [], minLevel, electionOnly, Subscription.JsonFormat, DateTimeOffset.UnixEpoch, regions ?? []);
}
