namespace Grid.Geography.Regions;

/// <summary>
/// Builds <see cref="RegionRanges"/> from a database's networks given in address order (a
/// MaxMind tree walks them so). A unit takes the region of the network holding its first address;
/// a network smaller than a unit that does not start one leaves no trace.
/// </summary>
internal sealed class RegionRangesBuilder(int unitLength)
{
    private readonly int _shift = 128 - unitLength;
    private readonly List<ulong> _starts = [0];
    private readonly List<ushort> _ids = [0];
    private ulong _nextUnit;
    private UInt128 _lastSeen;
    private bool _any;
    private bool _full;

    public long Networks { get; private set; }

    /// <summary>Adds the network [<paramref name="first"/>, <paramref name="last"/>] (left-aligned) in region <paramref name="id"/> (0: none).</summary>
    public void Add(UInt128 first, UInt128 last, ushort id)
    {
        if (_any && first <= _lastSeen)
        {
            throw new InvalidDataException($"the region database's networks are not in address order ({first:X32} after {_lastSeen:X32})");
        }

        _any = true;
        _lastSeen = last;
        Networks++;
        var firstUnit = (ulong)(first >> _shift);
        if ((first & ((UInt128.One << _shift) - 1)) != 0)
        {
            // Starts inside a unit: that unit already belongs to the network holding its first address.
            if (firstUnit == MaxUnit)
            {
                return;
            }

            firstUnit++;
        }

        var lastUnit = (ulong)(last >> _shift);
        if (_full || firstUnit > lastUnit)
        {
            return;
        }

        if (firstUnit > _nextUnit)
        {
            Append(_nextUnit, 0);
        }

        Append(firstUnit, id);
        _full = lastUnit == MaxUnit;
        _nextUnit = _full ? lastUnit : lastUnit + 1;
    }

    public RegionRanges Build()
    {
        if (!_full && _nextUnit > 0)
        {
            Append(_nextUnit, 0);
        }

        return new RegionRanges(128 - _shift, [.. _starts], [.. _ids]);
    }

    private ulong MaxUnit => ulong.MaxValue >> (64 - (128 - _shift));

    // Neighbouring runs of one region merge, so every boundary is a change of region.
    private void Append(ulong start, ushort id)
    {
        if (_starts[^1] == start)
        {
            _ids[^1] = id;
            if (_ids.Count > 1 && _ids[^2] == id)
            {
                _starts.RemoveAt(_starts.Count - 1);
                _ids.RemoveAt(_ids.Count - 1);
            }

            return;
        }

        if (_ids[^1] != id)
        {
            _starts.Add(start);
            _ids.Add(id);
        }
    }
}
