namespace Grid.Geography;

/// <summary>AS names read from one file; <see cref="Skipped"/> counts entries (numbered from 1), not lines.</summary>
public sealed record AsNameList(IReadOnlyDictionary<uint, string> Names, SkippedLines Skipped);
