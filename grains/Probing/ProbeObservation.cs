using Grid.Geography;

namespace Grid.Grains.Probing;

/// <summary>
/// What one vantage point saw of one address: probes sent, answers, and the answers' RTTs. Grid's
/// prober sends one per probe; an outside vantage point's result is one with several.
/// </summary>
/// <param name="Address">The probed address (host order); its /24 is the block.</param>
/// <param name="Country">The block's country when the sender knows it; default: the shard places it by its geography.</param>
/// <param name="Asn">The block's AS, 0 when not known.</param>
/// <param name="Availability">The block's availability from a hitlist, 0 when not known (Trinocular's A, §3.2).</param>
/// <param name="RttSumMs">The sum of the answers' RTTs whose RTT is known (<paramref name="RttCount"/> of them).</param>
/// <param name="At">When it was measured; default: now (Grid's own prober). A time in a bin that has ended lands in that bin.</param>
[GenerateSerializer, Alias("grid.ProbeObservation"), Immutable]
public readonly record struct ProbeObservation(
    [property: Id(0)] uint Address,
    [property: Id(1)] CountryCode Country,
    [property: Id(2)] uint Asn,
    [property: Id(3)] float Availability,
    [property: Id(4)] int Sent,
    [property: Id(5)] int Replied,
    [property: Id(6)] float RttSumMs,
    [property: Id(7)] int RttCount,
    [property: Id(8)] DateTimeOffset At = default);
