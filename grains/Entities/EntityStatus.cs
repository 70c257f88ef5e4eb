using Grid.Grains.Signals;

namespace Grid.Grains.Entities;

/// <summary>Names of signals, as the API and dashboards show them.</summary>
public static class SignalNames
{
    /// <summary>Visible IPv4 /24s.</summary>
    public const string Bgp = "bgp";

    /// <summary>Visible IPv6 /48s.</summary>
    public const string Bgp6 = "bgp6";

    /// <summary>/24 blocks that active probing believes up (Trinocular belief ≥ 0.9).</summary>
    public const string Probes = "probes";

    /// <summary>The median RTT of the entity's answering blocks, in microseconds (history only; status shows milliseconds).</summary>
    public const string ProbesRtt = "probesRttMicroseconds";

    /// <summary>The share of probes without an answer, in parts per million (history only; status shows a fraction).</summary>
    public const string ProbesLoss = "probesLossPpm";
}

/// <summary>
/// A signal's current value and when it was last recorded, with what detection made of it at the
/// last evaluation: the baseline (median of its history), the ratio of value to baseline, and the
/// level. The probing signal adds its median RTT and loss (left out of the JSON for the others).
/// </summary>
[GenerateSerializer, Alias("grid.SignalStatus")]
public sealed record SignalStatus([property: Id(0)] long Value, [property: Id(1)] DateTimeOffset? At, [property: Id(2)] double? Baseline = null, [property: Id(3)] double? Ratio = null, [property: Id(4)] Detection.DetectionLevel Level = Detection.DetectionLevel.Unknown)
{
    [Id(5)]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? MedianRttMs { get; init; }

    [Id(6)]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? Loss { get; init; }
}

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
    [property: Id(4)] Detection.DetectionLevel Level,
    [property: Id(5)] IReadOnlyDictionary<string, SignalStatus> Signals,
    [property: Id(6)] DateTimeOffset? UpdatedAt,
    [property: Id(7)] bool HasData,
    [property: Id(8)] Detection.OutageEvent? OpenEvent = null);

/// <summary>A slice of an entity's signal history, resampled to <see cref="Step"/>.</summary>
[Immutable]
[GenerateSerializer, Alias("grid.SignalHistory")]
public sealed record SignalHistory(
    [property: Id(0)] string Code,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset Until,
    [property: Id(3)] TimeSpan Step,
    [property: Id(4)] IReadOnlyDictionary<string, SignalPoint[]> Signals);
