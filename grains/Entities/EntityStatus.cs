using Grid.Grains.Detection;

namespace Grid.Grains.Entities;

/// <summary>
/// What the API says about a country or an AS. <see cref="Level"/> is the worst of its signals'
/// levels: <c>unknown</c> until detection can call one (no data, warming up, baseline below 20).
/// </summary>
// Built afresh by every Status() call and only read by callers: Orleans may hand it over without
// the deep copy it makes of a local call's result, which the API's hot read path would pay for.
[Immutable]
[GenerateSerializer, Alias("grid.EntityStatus")]
public sealed record EntityStatus(
    [property: Id(0)] string Code,
    [property: Id(1)] EntityKind Kind,
    [property: Id(2)] string? Name,
    [property: Id(3)] string? Country,
    [property: Id(4)] DetectionLevel Level,
    [property: Id(5)] IReadOnlyDictionary<string, SignalStatus> Signals,
    [property: Id(6)] DateTimeOffset? UpdatedAt,
    [property: Id(7)] bool HasData,
    [property: Id(8)] OutageEvent? OpenEvent = null)
{
    /// <summary>
    /// A country's regions and their levels, when region data is loaded (Grid:Geo:Regions). The
    /// API fills it in for a country's own answer, never a grain: each region grain holds its level.
    /// </summary>
    [Id(9)]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RegionLevel>? Regions { get; init; }

    /// <summary>Whose data the answer shows and under which licence, when it shows region data (DB-IP's CC BY 4.0 asks for it).</summary>
    [Id(10)]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Attribution { get; init; }
}
