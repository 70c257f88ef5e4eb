using Grid.Geography;
using Grid.Grains.Probing;

namespace Grid.Silo.Feeds.Probing;

/// <summary>
/// The prober's plan: the hitlist's addresses grouped by /24 block, in parallel arrays (one row per
/// block, ~20 bytes plus 4 per address), each block's addresses probed round-robin. The blocks'
/// beliefs live in the probe shard grains; a probe's outcome goes there as a
/// <see cref="ProbeObservation"/> carrying the hitlist's entity and availability. Filled once, before
/// the first round; read by one round at a time.
/// </summary>
public sealed class ProbeTargets
{
    private readonly Dictionary<uint, int> _rows = [];
    private uint[] _network = [];
    private CountryCode[] _country = [];
    private uint[] _asn = [];
    private float[] _availability = [];
    private int[] _targetStart = [];
    private byte[] _targetCount = [];
    private byte[] _targetCursor = [];
    private uint[] _targets = [];
    private int _targetTotal;
    private volatile int _addresses;

    /// <summary>Blocks with at least one target.</summary>
    public int Count { get; private set; }

    /// <summary>Addresses the prober probes.</summary>
    public int Addresses => _addresses;

    /// <summary>Adds the hitlist's addresses; returns how many blocks they cover. A block keeps the entity of its first address.</summary>
    public int Add(IReadOnlyCollection<HitlistEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Grow(Count + entries.Count);
        EnsureTargets(_targetTotal + entries.Count);
        foreach (var entry in entries)
        {
            var network = entry.Address & 0xFFFFFF00;
            if (!_rows.TryGetValue(network, out var row))
            {
                row = Count++;
                _rows[network] = row;
                _network[row] = network;
                // Default: the probe shard places the block by its geography.
                _country[row] = entry.Country ?? default;
                _asn[row] = entry.Asn;
                _availability[row] = (float)(entry.Availability ?? TrinocularBelief.DefaultAvailability);
                _targetStart[row] = -1;
            }

            if (AddTarget(row, entry.Address))
            {
                _addresses++;
            }
        }

        return Count;
    }

    public uint Network(int row) => _network[row];

    /// <summary>The block's country as the hitlist names it; <c>default</c> when it names none.</summary>
    public CountryCode Country(int row) => _country[row];

    public int TargetCount(int row) => _targetCount[row];

    /// <summary>The block's next target address, round-robin, so re-probes of a round go to other addresses (Trinocular §3.3).</summary>
    public uint NextTarget(int row)
    {
        var count = _targetCount[row];
        var cursor = _targetCursor[row];
        _targetCursor[row] = (byte)((cursor + 1) % count);
        return _targets[_targetStart[row] + cursor];
    }

    /// <summary>One probe of the block, as its shard takes it: answered or silent, with the answer's RTT.</summary>
    public ProbeObservation Observation(int row, bool replied, double rttMs)
    {
        var timed = replied && !double.IsNaN(rttMs);
        return new ProbeObservation(_network[row], _country[row], _asn[row], _availability[row], 1, replied ? 1 : 0, timed ? (float)rttMs : 0, timed ? 1 : 0);
    }

    private bool AddTarget(int row, uint address)
    {
        var start = _targetStart[row];
        var count = _targetCount[row];
        if (count == byte.MaxValue)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (_targets[start + i] == address)
            {
                return false;
            }
        }

        // A block's targets stay contiguous: a block gaining a target moves its run to the end
        // (hitlists list a block's addresses together, so this is rare).
        if (start < 0 || start + count != _targetTotal)
        {
            EnsureTargets(_targetTotal + count + 1);
            if (count > 0)
            {
                Array.Copy(_targets, start, _targets, _targetTotal, count);
            }

            _targetStart[row] = start = _targetTotal;
            _targetTotal += count;
        }

        EnsureTargets(_targetTotal + 1);
        _targets[start + count] = address;
        _targetCount[row] = (byte)(count + 1);
        _targetTotal++;
        return true;
    }

    private void EnsureTargets(int size)
    {
        if (size > _targets.Length)
        {
            Array.Resize(ref _targets, Math.Max(size, _targets.Length * 2));
        }
    }

    /// <summary>Room for <paramref name="size"/> rows at once: a 4.2M-line hitlist must not double its arrays on the way.</summary>
    private void Grow(int size)
    {
        if (size <= _network.Length)
        {
            return;
        }

        _rows.EnsureCapacity(size);
        Array.Resize(ref _network, size);
        Array.Resize(ref _country, size);
        Array.Resize(ref _asn, size);
        Array.Resize(ref _availability, size);
        Array.Resize(ref _targetStart, size);
        Array.Resize(ref _targetCount, size);
        Array.Resize(ref _targetCursor, size);
    }
}
