namespace Grid.Geography;

/// <summary>Blocks read from one CIDR list or prefix→country table, and the lines that could not be read.</summary>
public sealed record CountryBlockList(IReadOnlyList<CountryBlock> Blocks, SkippedLines Skipped);
