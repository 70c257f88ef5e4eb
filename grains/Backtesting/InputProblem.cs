namespace Grid.Grains.Backtesting;

/// <summary>A row that was left out, where it is and why: <c>series.csv:14: 'x' is not a number …</c>.</summary>
public sealed record InputProblem(string File, long Line, string Problem)
{
    public override string ToString() => $"{File}:{Line}: {Problem}";
}
