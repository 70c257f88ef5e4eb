using Grid.Grains.Detection;

namespace Grid.Grains.Backtesting;

/// <summary>What a backtest found: every event (oldest first, by entity), every level change, and the step it judged on.</summary>
public sealed record BacktestResult(IReadOnlyList<OutageEvent> Events, IReadOnlyList<AnomalyEvent> Changes, TimeSpan Step, long Points, int Entities);
