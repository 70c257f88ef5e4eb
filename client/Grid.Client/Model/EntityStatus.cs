namespace Grid.Client.Model;

/// <summary>
/// <c>GET /v1/countries/{cc}</c>, <c>/v1/regions/{code}</c> or <c>/v1/asns/{asn}</c>: a country's,
/// a region's or an AS's level (the worst of its signals'), each signal's latest value against its
/// baseline, and the open event if any. A country's answer lists its <see cref="Regions"/> when the
/// server has region data; <see cref="Attribution"/> then names the data's source, which must be
/// shown with it.
/// </summary>
public sealed record EntityStatus(
    string Code,
    string Kind,
    string? Name,
    string? Country,
    string Level,
    IReadOnlyDictionary<string, SignalStatus> Signals,
    DateTimeOffset? UpdatedAt,
    bool HasData,
    OpenEvent? OpenEvent = null,
    IReadOnlyList<RegionLevel>? Regions = null,
    string? Attribution = null)
{
    public SignalStatus? Signal(string name) => Signals.TryGetValue(name, out var signal) ? signal : null;
}

/// <summary>One signal's latest value, and what detection made of it: baseline, ratio, level.</summary>
public sealed record SignalStatus(long Value, DateTimeOffset? At, double? Baseline, double? Ratio, string Level, double? MedianRttMs = null, double? Loss = null);

/// <summary>The event an entity is in, as its status embeds it.</summary>
public sealed record OpenEvent(string Id, DateTimeOffset Start, DateTimeOffset? End, string Level, double Fraction, bool Election);

/// <summary>One region's line in its country's status.</summary>
public sealed record RegionLevel(string Code, string? Name, string Level, bool HasData);
