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
/// A signal's current value and when it was last recorded. The probing signal adds its median RTT
/// and loss (null, and left out of the JSON, for the BGP signals).
/// </summary>
public sealed record SignalStatus(
    long Value,
    DateTimeOffset? At,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] double? MedianRttMs = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] double? Loss = null);

/// <summary>
/// What the API says about a country or an AS. <see cref="Level"/> is <c>unknown</c> until
/// detection decides it from the signals' baselines.
/// </summary>
public sealed record EntityStatus(
    string Code,
    string Kind,
    string? Name,
    string? Country,
    string Level,
    IReadOnlyDictionary<string, SignalStatus> Signals,
    DateTimeOffset? UpdatedAt,
    bool HasData);

/// <summary>A slice of an entity's signal history, resampled to <see cref="Step"/>.</summary>
public sealed record SignalHistory(
    string Code,
    DateTimeOffset From,
    DateTimeOffset Until,
    TimeSpan Step,
    IReadOnlyDictionary<string, SignalPoint[]> Signals);
