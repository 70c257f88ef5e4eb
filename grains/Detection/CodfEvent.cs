using Grid.Grains.Backtesting;
using Grid.Grains.Entities;

namespace Grid.Grains.Detection;

/// <summary>
/// An event as IODA's outage feeds (CODF) describe one: <c>location</c> (<c>country/BY</c>,
/// <c>asn/6697</c>), <c>start</c> (Unix seconds), <c>duration</c> (seconds, so far when still
/// active), <c>status</c> (<c>active</c> or <c>resolved</c>), <c>fraction</c> (deepest drop below
/// the baseline), <c>score</c> (drop% × minutes) and <c>datasource</c>; plus Grid's own fields, among
/// them <c>mechanism</c> (<see cref="EventMechanism"/>).
/// <c>GET /v1/events</c> lists them, and <c>grid backtest --json</c> prints them.
/// </summary>
public sealed record CodfEvent(
    string Id,
    string Location,
    string Entity,
    string? Country,
    long Start,
    long Duration,
    string Status,
    double Fraction,
    double Score,
    string Datasource,
    DetectionLevel Level,
    string[] Signals,
    bool Election,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    string? Name = null,
    string? SingleSource = null,
    string Mechanism = EventMechanism.Unknown,
    string[]? Watch = null)
{
    public static CodfEvent From(OutageEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        // CODF names an AS by its number alone: asn/6697.
        return new CodfEvent(
            e.Id,
            SeriesEntity.Location(EntityKey.Parse(e.Entity)),
            e.Entity,
            e.Country,
            e.Start.ToUnixTimeSeconds(),
            (long)e.Duration.TotalSeconds,
            e.IsOpen ? "active" : "resolved",
            Math.Round(e.Fraction, 4),
            Math.Round(e.Score, 1),
            e.DataSource,
            e.Level,
            [.. e.SignalScores.Keys.Order(StringComparer.Ordinal)],
            e.Election,
            e.Start,
            e.End,
            e.Name,
            e.SingleSource,
            e.Mechanism ?? EventMechanism.Unknown,
            e.Watch);
    }
}
