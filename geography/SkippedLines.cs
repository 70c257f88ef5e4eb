namespace Grid.Geography;

/// <summary>
/// Lines a parser could not read. One bad line never stops a load: registries and mirrors
/// sometimes publish a truncated or hand-edited file, and the rest of it is still good. The count
/// and the first few line numbers go into one warning, enough to find the lines with an editor.
/// </summary>
public sealed class SkippedLines
{
    private const int Remembered = 5;
    private readonly List<int> _first = new(Remembered);

    public int Count { get; private set; }

    /// <summary>The 1-based numbers of the first bad lines, at most five.</summary>
    public IReadOnlyList<int> FirstLineNumbers => _first;

    public void Add(int lineNumber)
    {
        Count++;
        if (_first.Count < Remembered)
        {
            _first.Add(lineNumber);
        }
    }

    /// <summary>"3 (lines 7, 12, 40)", or "12 (lines 1, 2, 3, 4, 5, …)".</summary>
    public override string ToString() =>
        Count == 0 ? "0" : $"{Count} (lines {string.Join(", ", _first)}{(Count > _first.Count ? ", …" : "")})";
}
