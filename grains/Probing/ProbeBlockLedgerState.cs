namespace Grid.Grains.Probing;

/// <summary>The blocks each outside sender added, and their total (<see cref="ProbeBlockLedgerGrain"/>).</summary>
[GenerateSerializer, Alias("grid.ProbeBlockLedgerState")]
public sealed class ProbeBlockLedgerState
{
    [Id(0)]
    public Dictionary<string, int> BySender { get; set; } = new(StringComparer.Ordinal);

    [Id(1)]
    public int Total { get; set; }
}
