namespace Grid.Grains.Entities;

/// <summary>
/// One probing bin of one entity, as the prober (or the intake of outside vantage points) sends it:
/// the entity's /24 blocks by Trinocular state, the median of its blocks' RTTs, and the share of
/// probes that got no answer. One call per entity per bin, never one per probe.
/// </summary>
public sealed record ProbeBin(
    DateTimeOffset At,
    int BlocksUp,
    int BlocksDown,
    int BlocksUnknown,
    double? MedianRttMs,
    double? Loss,
    long Probes);
