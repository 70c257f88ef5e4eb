using System.Text.Json.Serialization;

namespace Grid.Grains.Entities;

/// <summary>
/// What a watched entity is. In code an autonomous system is <see cref="As"/> (its number is an
/// ASN); outside it, in the API's <c>kind</c>, CODF's <c>asn/6697</c> and the metrics' <c>kind</c>
/// label, it is <c>asn</c>, as IODA names it (<see cref="EntityKindExtensions.Name"/>).
/// </summary>
[GenerateSerializer, Alias("grid.EntityKind")]
[JsonConverter(typeof(JsonStringEnumConverter<EntityKind>))]
public enum EntityKind
{
    /// <summary>A country or territory, keyed by its ISO 3166-1 alpha-2 code (<c>BY</c>).</summary>
    [JsonStringEnumMemberName("country")]
    Country = 0,

    /// <summary>An autonomous system, keyed <c>AS</c> and its number (<c>AS6697</c>).</summary>
    [JsonStringEnumMemberName("asn")]
    As = 1,

    /// <summary>
    /// A sub-national region, keyed by its country and its ISO 3166-2 code or name (<c>MM-02</c>,
    /// <c>MM-BAGO</c>). Series and backtests may name regions; region grains come with the regions issue.
    /// </summary>
    [JsonStringEnumMemberName("region")]
    Region = 2,
}
