namespace Grid.Silo.Api.V1;

/// <summary>
/// The refusals of one intake request: the first <see cref="Listed"/> by index, and a count of all.
/// A body of 14 million bad items answers with 100 reasons and a number, not 14 million reasons.
/// </summary>
public sealed class Refusals
{
    public const int Listed = 100;

    private readonly List<RefusedItem> _first = [];

    /// <summary>Every refusal, listed or not.</summary>
    public int Count { get; private set; }

    public IReadOnlyList<RefusedItem> First => _first;

    public void Add(int index, string reason) => Add(new RefusedItem(index, reason));

    public void Add(RefusedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Count++;
        if (_first.Count == Listed && item.Index >= _first[^1].Index)
        {
            return;
        }

        // Kept in index order, whatever order they come in (the entity grains answer last).
        var at = _first.Count;
        while (at > 0 && _first[at - 1].Index > item.Index)
        {
            at--;
        }

        _first.Insert(at, item);
        if (_first.Count > Listed)
        {
            _first.RemoveAt(Listed);
        }
    }
}
