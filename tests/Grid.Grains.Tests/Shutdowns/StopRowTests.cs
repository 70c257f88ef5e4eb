using Grid.Geography;
using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Grains.Shutdowns;

namespace Grid.Grains.Tests.Shutdowns;

/// <summary>How one of Grid's events becomes a STOP row, and which STOP rows it matches.</summary>
public sealed class StopRowTests
{
    private static readonly DateTimeOffset Start = new(2020, 8, 9, 19, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ACountrysCriticalEventAtAnElectionIsANationalFullNetworkShutdown()
    {
        var row = StopRow.From(Outage(EntityKey.Country(CountryCode.Parse("BY")), "routes-withdrawn", DetectionLevel.Critical, 0.95, end: Start.AddHours(61), election: true))!;

        Assert.Equal("Belarus,2020-08-09,2020-08-12,National,National,Shutdown,Full network,Yes", row.ToCsv());
    }

    [Fact]
    public void AThrottledRegionIsRegionalThrottlingAndAnOpenEventHasNoEnd()
    {
        Assert.True(EntityKey.TryRegion("IR-KHUZESTAN", out var region));
        var row = StopRow.From(Outage(region, "throttled", DetectionLevel.Warning, 0.4, end: null, election: false, name: "Khuzestan, Province"))!;

        Assert.Equal("Iran (Islamic Republic of),2020-08-09,,Regional,\"Khuzestan, Province\",Throttling,Partial,No", row.ToCsv());
    }

    [Fact]
    public void AnAsIsOfUnknownScopeNamedByNumberAndName()
    {
        var row = StopRow.From(Outage(EntityKey.As(6697), "hosts-silent", DetectionLevel.Critical, 0.5, end: Start.AddHours(1), election: false, name: "BELTELECOM-AS", country: "BY"))!;

        Assert.Equal("Belarus,2020-08-09,2020-08-09,Not sure,AS6697 BELTELECOM-AS,Shutdown,Partial,No", row.ToCsv());
        Assert.Null(StopRow.From(Outage(EntityKey.As(64500), "unknown", DetectionLevel.Critical, 1, Start, false, country: null)));
    }

    [Fact]
    public void ARegionMatchesARowOfItsAreaOrOfTheNationAndNotOneOfAnotherArea()
    {
        Assert.True(EntityKey.TryRegion("MM-Sagaing", out var sagaing));
        var outage = Outage(sagaing, "unknown", DetectionLevel.Critical, 1, Start.AddDays(1), false, country: "MM");
        var now = Start.AddDays(30);

        Assert.True(StopMatching.Matches(Row(StopScope.Regional, "Sagaing's Pale, Yinmarbin townships", new DateOnly(2020, 8, 10)), outage, now));
        Assert.True(StopMatching.Matches(Row(StopScope.National, "Nationwide", new DateOnly(2020, 8, 8)), outage, now));
        Assert.False(StopMatching.Matches(Row(StopScope.Regional, "Kachin's Hpakant", new DateOnly(2020, 8, 9)), outage, now));
        // A day either side, no more.
        Assert.True(StopMatching.Matches(Row(StopScope.National, "Nationwide", new DateOnly(2020, 8, 11)), outage, now));
        Assert.False(StopMatching.Matches(Row(StopScope.National, "Nationwide", new DateOnly(2020, 8, 12)), outage, now));
        Assert.False(StopMatching.Matches(Row(StopScope.National, "Nationwide", new DateOnly(2020, 8, 6)), outage, now));
    }

    private static StopRecord Row(StopScope scope, string area, DateOnly day) =>
        new("test", 2, "Myanmar", CountryCode.Parse("MM"), day, null, scope, area, StopShutdownType.Shutdown, StopExtent.FullNetwork, StopCause.Protest, "Protests", StopElection.No, "");

    private static ObservedOutage Outage(EntityKey entity, string mechanism, DetectionLevel level, double fraction, DateTimeOffset? end, bool election, string? name = null, string? country = "IR")
    {
        var code = entity.Kind switch
        {
            EntityKind.Country => entity.CountryCode,
            EntityKind.Region => entity.RegionCountry,
            _ => country is null ? CountryCode.Unknown : CountryCode.Parse(country),
        };
        return new ObservedOutage("e", entity, code, name, Start, end, level, fraction, election, mechanism);
    }
}
