using Grid.Bgp.Model;

namespace Grid.Geography.Regions;

/// <summary>
/// One address family cut into runs of unit blocks (/24 for IPv4, /48 for IPv6) of one region
/// each, covering the whole family (region 0: none). Each unit belongs to the region of its first
/// address: visibility is counted in units, so a region's count is a whole number of them and the
/// regions of a country partition its units exactly. Stored as two flat arrays (unit index of each
/// run's start, region id): a prefix inside one run, nearly every routed prefix, costs one binary search.
/// </summary>
internal sealed class RegionRanges
{
    private readonly ulong[] _starts;
    private readonly ushort[] _ids;
    private readonly int _shift;

    public RegionRanges(int unitLength, ulong[] starts, ushort[] ids)
    {
        UnitLength = unitLength;
        _shift = 128 - unitLength;
        _starts = starts;
        _ids = ids;
    }

    public int UnitLength { get; }

    /// <summary>Runs of one region (including runs of none).</summary>
    public int Count => _starts.Length;

    public long Bytes => (_starts.Length * sizeof(ulong)) + (_ids.Length * sizeof(ushort));

    /// <summary>The region id of the unit holding <paramref name="address"/> (left-aligned).</summary>
    public ushort IdAt(UInt128 address) => _ids[IndexOf((ulong)(address >> _shift))];

    /// <summary>Appends the pieces of <paramref name="prefix"/> that lie in regions of <paramref name="country"/>.</summary>
    public void Split(Prefix prefix, CountryCode country, RegionInfo?[] regions, List<RegionBlock> pieces)
    {
        var unit = (ulong)(prefix.Bits >> _shift);
        var i = IndexOf(unit);
        if (prefix.Length >= UnitLength)
        {
            if (regions[_ids[i]] is { } region && region.Country == country)
            {
                pieces.Add(new RegionBlock(prefix, region));
            }

            return;
        }

        var lastUnit = (ulong)(AddressRange.LastOf(prefix) >> _shift);
        while (true)
        {
            var runLast = i + 1 < _starts.Length ? Math.Min(_starts[i + 1] - 1, lastUnit) : lastUnit;
            if (regions[_ids[i]] is { } region && region.Country == country)
            {
                var first = (UInt128)unit << _shift;
                var last = ((UInt128)runLast << _shift) | ((UInt128.One << _shift) - 1);
                foreach (var piece in AddressRange.Cover(first, last, prefix.IsIPv4))
                {
                    pieces.Add(new RegionBlock(piece, region));
                }
            }

            if (runLast == lastUnit)
            {
                return;
            }

            unit = runLast + 1;
            i++;
        }
    }

    private int IndexOf(ulong unit)
    {
        int low = 0, high = _starts.Length - 1;
        while (low <= high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (_starts[middle] <= unit)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return Math.Max(low - 1, 0);
    }
}
