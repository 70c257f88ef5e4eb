namespace Grid.Bench.Sessions;

/// <summary>
/// What the full-table benchmark measured. Grid's times run from its session's EstablishedAt (in
/// <c>/v1/peers</c>): <see cref="GridReceived"/> until the session has decoded every announcement,
/// <see cref="GridCounted"/> until the prefix shards count the whole table.
/// </summary>
internal sealed record FullTableLoad(
    int Routes,
    TimeSpan GridReceived,
    TimeSpan GridCounted,
    long GridPeakBytes,
    TimeSpan Reference,
    long ReferencePeakBytes,
    TimeSpan GridPollPeriod,
    TimeSpan ReferencePollPeriod);
