namespace Grid.Grains.Text;

/// <summary>A row that was left out, where it is and why: <c>series.csv:14: 'x' is not a number …</c>.</summary>
public sealed record InputProblem(string File, long Line, string Problem)
{
    /// <summary><c>FILE:LINE: problem</c>, or <c>FILE: problem</c> for one that belongs to no line (line 0).</summary>
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Problem}" : $"{File}: {Problem}";
}
