namespace Grid.Silo.Tests.Oracle;

/// <summary>One country's count after the RIB, and each change the updates made to it.</summary>
internal sealed class CountryTimeline(string country, long afterRib)
{
    private readonly List<(DateTimeOffset At, long Count)> _changes = [];

    public string Country { get; } = country;

    public long AfterRib { get; } = afterRib;

    /// <summary>The updates that changed the count: their time and the count after them.</summary>
    public IReadOnlyList<(DateTimeOffset At, long Count)> Changes => _changes;

    public long Final => _changes.Count == 0 ? AfterRib : _changes[^1].Count;

    /// <summary>The count in force once the replay has passed <paramref name="at"/>.</summary>
    public long CountAt(DateTimeOffset at)
    {
        var count = AfterRib;
        foreach (var change in _changes.TakeWhile(c => c.At <= at))
        {
            count = change.Count;
        }

        return count;
    }

    /// <summary>Whether every count in force from <paramref name="from"/> to <paramref name="until"/> differs from the final one.</summary>
    public bool OffFinalBetween(DateTimeOffset from, DateTimeOffset until) =>
        CountAt(from) != Final && _changes.Where(c => c.At > from && c.At <= until).All(c => c.Count != Final);

    public void Record(DateTimeOffset at, long count)
    {
        if (count != Final)
        {
            _changes.Add((at, count));
        }
    }
}
