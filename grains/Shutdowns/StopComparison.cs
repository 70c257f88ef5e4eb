namespace Grid.Grains.Shutdowns;

/// <summary>
/// Grid's events against STOP's rows over the days <see cref="From"/> to <see cref="To"/>: the rows
/// some event matched, the events no row lists, and the rows no event matched.
/// </summary>
public sealed record StopComparison(
    DateOnly From,
    DateOnly To,
    IReadOnlyList<StopMatch> Matched,
    IReadOnlyList<ObservedOutage> GridOnly,
    IReadOnlyList<StopRecord> StopOnly);
