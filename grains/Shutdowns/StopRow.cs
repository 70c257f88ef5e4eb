using System.Globalization;
using Grid.Grains.Detection;
using Grid.Grains.Entities;

namespace Grid.Grains.Shutdowns;

/// <summary>
/// One of Grid's events written as a STOP row (<c>country,start_date,end_date,geo_scope,area_name,
/// shutdown_type,shutdown_extent,election</c>), in the sheets' own words, so Access Now's tools and
/// readers take it as one of theirs. The rules are in the README (Access Now's STOP dataset).
/// </summary>
public sealed record StopRow(
    string CountryName,
    DateOnly Start,
    DateOnly? End,
    StopScope Scope,
    string AreaName,
    StopShutdownType Type,
    StopExtent Extent,
    bool Election)
{
    public const string Header = "country,start_date,end_date,geo_scope,area_name,shutdown_type,shutdown_extent,election";

    /// <summary>The deepest drop (CODF <c>fraction</c>) from which a critical event counts as the full network cut.</summary>
    public const double FullNetworkFraction = 0.9;

    /// <summary>
    /// The row for <paramref name="outage"/>, or null for one with no country (an AS that no RIR
    /// places). Days are UTC days; an open event has no end date, as STOP leaves an ongoing one.
    /// </summary>
    public static StopRow? From(ObservedOutage outage)
    {
        ArgumentNullException.ThrowIfNull(outage);
        if (outage.Country.IsUnknown)
        {
            return null;
        }

        var (scope, area) = outage.Entity.Kind switch
        {
            EntityKind.Country => (StopScope.National, "National"),
            EntityKind.Region => (StopScope.Regional, outage.RegionName ?? ""),
            // STOP has no scope for one network: which part of the country an AS serves is not known here.
            _ => (StopScope.Unknown, outage.Name is { Length: > 0 } name ? $"{outage.Entity.Code} {name}" : outage.Entity.Code),
        };
        var type = outage.Mechanism == "throttled" ? StopShutdownType.Throttling : StopShutdownType.Shutdown;
        var extent = outage.Level == DetectionLevel.Critical && outage.Fraction >= FullNetworkFraction ? StopExtent.FullNetwork : StopExtent.Partial;
        return new StopRow(
            StopCountryNames.NameOf(outage.Country),
            DateOnly.FromDateTime(outage.Start.UtcDateTime),
            outage.End is { } end ? DateOnly.FromDateTime(end.UtcDateTime) : null,
            scope,
            area,
            type,
            extent,
            outage.Election);
    }

    /// <summary>The row as a CSV line (RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled).</summary>
    public string ToCsv() => string.Join(',', new[]
    {
        CountryName,
        Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        End?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        StopVocabulary.Text(Scope),
        AreaName,
        StopVocabulary.Text(Type),
        StopVocabulary.Text(Extent),
        Election ? "Yes" : "No",
    }.Select(Quote));

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
}
