using System.Numerics;

namespace Grid.Grains.Visibility;

/// <summary>
/// A set of shard-local peer indexes: 64 inline bits, more on demand. There is one per prefix, so
/// it is a mutable struct stored inline in the shard's table (no object per prefix): most prefixes
/// are seen by tens of peers, and a RouteViews or RIS table has at most a few hundred. Mutate it
/// only through a reference (a field, or a ref into the table).
/// </summary>
public struct PeerSet
{
    private ulong _low;
    private ulong[]? _high;

    public readonly bool IsEmpty => _low == 0 && (_high is null || Array.TrueForAll(_high, w => w == 0));

    public readonly int Count
    {
        get
        {
            var count = BitOperations.PopCount(_low);
            if (_high is not null)
            {
                foreach (var word in _high)
                {
                    count += BitOperations.PopCount(word);
                }
            }

            return count;
        }
    }

    public readonly bool Contains(int index) => index < 64 ? (_low & (1UL << index)) != 0 : HighWord(index) is { } w && (w & (1UL << (index & 63))) != 0;

    /// <summary>Adds <paramref name="index"/>; true if it was not there.</summary>
    public bool Add(int index)
    {
        if (index < 64)
        {
            var before = _low;
            _low |= 1UL << index;
            return before != _low;
        }

        var word = (index >> 6) - 1;
        if (_high is null || _high.Length <= word)
        {
            Array.Resize(ref _high, word + 1);
        }

        var old = _high[word];
        _high[word] |= 1UL << (index & 63);
        return old != _high[word];
    }

    /// <summary>Removes <paramref name="index"/>; true if it was there.</summary>
    public bool Remove(int index)
    {
        if (!Contains(index))
        {
            return false;
        }

        if (index < 64)
        {
            _low &= ~(1UL << index);
        }
        else
        {
            _high![(index >> 6) - 1] &= ~(1UL << (index & 63));
        }

        return true;
    }

    /// <summary>How many members this set shares with <paramref name="other"/>.</summary>
    public readonly int CountShared(in PeerSet other)
    {
        var count = BitOperations.PopCount(_low & other._low);
        if (_high is not null && other._high is not null)
        {
            for (var i = 0; i < Math.Min(_high.Length, other._high.Length); i++)
            {
                count += BitOperations.PopCount(_high[i] & other._high[i]);
            }
        }

        return count;
    }

    private readonly ulong? HighWord(int index)
    {
        var word = (index >> 6) - 1;
        return _high is not null && word < _high.Length ? _high[word] : null;
    }
}
