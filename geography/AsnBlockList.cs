namespace Grid.Geography;

/// <summary>ASN runs read from one ASN→country table, and the lines that could not be read.</summary>
public sealed record AsnBlockList(IReadOnlyList<AsnBlock> Asns, SkippedLines Skipped);
