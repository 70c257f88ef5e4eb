namespace Grid.Grains.Signals;

/// <summary>
/// A signal's history as change points on a fixed step: at most one point per step (the value at
/// the end of that step), and none while the value holds, so 75k mostly-quiet ASes cost little.
/// Points older than the retention are dropped. Time is event time: a replayed file keeps its dates.
/// </summary>
public sealed class SignalSeries(TimeSpan step, TimeSpan retention)
{
    private readonly List<SignalPoint> _points = [];

    public IReadOnlyList<SignalPoint> Points => _points;

    public SignalPoint? Latest => _points.Count == 0 ? null : _points[^1];

    public void Restore(IEnumerable<SignalPoint> points)
    {
        _points.Clear();
        _points.AddRange(points.OrderBy(p => p.At));
    }

    /// <summary>Records <paramref name="value"/> at <paramref name="at"/>; a time before the last step is taken as the last step.</summary>
    public void Record(DateTimeOffset at, long value)
    {
        var bucket = Floor(at);
        if (_points.Count > 0)
        {
            var last = _points[^1];
            if (bucket <= last.At)
            {
                _points[^1] = last with { Value = value };
                CollapseUnchanged();
                return;
            }

            if (last.Value == value)
            {
                return;
            }
        }

        _points.Add(new SignalPoint(bucket, value));
        Prune(bucket);
    }

    /// <summary>
    /// Records a point older than the newest: the value of its own step. The steps after it keep the
    /// value they had (a change point goes back in at the next step when needed), and the newer points
    /// stand. Older than the retention: dropped.
    /// </summary>
    public void Insert(DateTimeOffset at, long value)
    {
        var bucket = Floor(at);
        if (_points.Count == 0 || bucket > _points[^1].At)
        {
            Record(at, value);
            return;
        }

        if (_points[^1].At - bucket > retention)
        {
            return;
        }

        var next = bucket + step;
        // What the steps after this one held: the value in force at the next step, before the insert.
        var after = ValueAt(next);
        var index = _points.FindIndex(p => p.At >= bucket);
        if (_points[index].At == bucket)
        {
            _points[index] = new SignalPoint(bucket, value);
        }
        else
        {
            _points.Insert(index, new SignalPoint(bucket, value));
        }

        if (after is { } held && (index + 1 >= _points.Count || _points[index + 1].At > next))
        {
            _points.Insert(index + 1, new SignalPoint(next, held));
        }

        // Change points only: neighbours with the same value say nothing new.
        for (var i = Math.Min(index + 2, _points.Count - 1); i >= Math.Max(index, 1); i--)
        {
            if (_points[i].Value == _points[i - 1].Value)
            {
                _points.RemoveAt(i);
            }
        }
    }

    /// <summary>The value in force at <paramref name="at"/>, or null before the first point.</summary>
    public long? ValueAt(DateTimeOffset at)
    {
        var index = _points.FindLastIndex(p => p.At <= at);
        return index < 0 ? null : _points[index].Value;
    }

    /// <summary>One point per <paramref name="interval"/> from <paramref name="from"/> to <paramref name="until"/>, each the value in force at the end of its interval.</summary>
    public IEnumerable<SignalPoint> Resample(DateTimeOffset from, DateTimeOffset until, TimeSpan interval)
    {
        for (var at = from; at <= until; at += interval)
        {
            if (ValueAt(at + interval - TimeSpan.FromTicks(1)) is { } value)
            {
                yield return new SignalPoint(at, value);
            }
        }
    }

    private DateTimeOffset Floor(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % step.Ticks), TimeSpan.Zero);

    private void CollapseUnchanged()
    {
        if (_points.Count >= 2 && _points[^1].Value == _points[^2].Value)
        {
            _points.RemoveAt(_points.Count - 1);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        var cutoff = now - retention;
        var expired = _points.FindIndex(p => p.At >= cutoff);
        // Keep the last expired point: it is the value in force at the start of the window.
        if (expired > 1)
        {
            _points.RemoveRange(0, expired - 1);
        }
    }
}
