using Grid.Geography;
using Grid.Grains.Detection;
using Grid.Grains.Entities;

namespace Grid.Grains.Shutdowns;

/// <summary>
/// An outage Grid observed, with what STOP and the risk score need of a CODF event
/// (<c>GET /v1/events</c>, <c>grid backtest --json</c>): the entity, its country and name, when,
/// how deep, whether in an election window, and the mechanism (<c>routes-withdrawn</c>,
/// <c>hosts-silent</c>, <c>throttled</c>, <c>mixed</c>, <c>unknown</c>; <c>unknown</c> when the
/// event does not say).
/// </summary>
public sealed record ObservedOutage(
    string Id,
    EntityKey Entity,
    CountryCode Country,
    string? Name,
    DateTimeOffset Start,
    DateTimeOffset? End,
    DetectionLevel Level,
    double Fraction,
    bool Election,
    string Mechanism)
{
    public const string UnknownMechanism = "unknown";

    /// <summary>The CODF location: <c>country/MM</c>, <c>region/MM-BAGO</c>, <c>asn/6697</c>.</summary>
    public string Location => Backtesting.SeriesEntity.Location(Entity);

    /// <summary>
    /// A region's name: the event's name when it has one ("Bago Region"), else the part of the key
    /// after the country (<c>MM-BAGO</c> is "Bago"); null for a country or an AS.
    /// </summary>
    public string? RegionName => Entity.Kind != EntityKind.Region ? null
        : Name is { Length: > 0 } name ? name
        : System.Globalization.CultureInfo.InvariantCulture.TextInfo.ToTitleCase(Entity.Code[3..].Replace('-', ' ').ToLowerInvariant());

    /// <summary>Its end, or for an event still open, <paramref name="now"/>.</summary>
    public DateTimeOffset EndOr(DateTimeOffset now) => End ?? now;
}
