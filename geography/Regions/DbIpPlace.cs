using MaxMind.Db;

namespace Grid.Geography.Regions;

/// <summary>
/// The two fields Grid reads from a record of DB-IP's City Lite in ip-location-db's MaxMind layout
/// (<c>country_code</c>, <c>state1</c>, <c>city</c>, …): decoding only these keeps a full read
/// of the 6M IPv4 networks to about two seconds.
/// </summary>
public sealed class DbIpPlace
{
    [Constructor]
    public DbIpPlace([MapKey("country_code")] string? countryCode, [MapKey("state1")] string? state1)
    {
        CountryCode = countryCode;
        State1 = state1;
    }

    public string? CountryCode { get; }

    /// <summary>The first-level subdivision's name, as DB-IP spells it ("Minsk City", "Homyel’ Voblasc’").</summary>
    public string? State1 { get; }
}
