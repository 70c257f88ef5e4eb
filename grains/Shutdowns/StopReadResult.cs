using Grid.Grains.Backtesting;

namespace Grid.Grains.Shutdowns;

/// <summary>What <see cref="StopCsv"/> read: the rows it kept, and a problem for each row it left out or read in part.</summary>
public sealed record StopReadResult(IReadOnlyList<StopRecord> Records, IReadOnlyList<InputProblem> Problems);
