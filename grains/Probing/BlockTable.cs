using Grid.Grains.Geography;

namespace Grid.Grains.Probing;

/// <summary>
/// Every probed /24 block in parallel arrays, one row per block: its network, Trinocular belief and
/// availability, the country and AS it counts for, its target addresses, and what this bin saw
/// (probes sent, answers, RTT sum). IODA probes about 4.2M blocks, so a block is a row of ~50 bytes,
/// not an object. Not thread-safe: the owner serialises access.
/// </summary>
public sealed class BlockTable
{
    private readonly Dictionary<uint, int> _rows = [];
    private uint[] _network = new uint[64];
    private float[] _belief = new float[64];
    private float[] _availability = new float[64];
    private CountryCode[] _country = new CountryCode[64];
    private uint[] _asn = new uint[64];
    private int[] _targetStart = new int[64];
    private byte[] _targetCount = new byte[64];
    private byte[] _targetCursor = new byte[64];
    private int[] _lastBin = new int[64];
    private int[] _sent = new int[64];
    private int[] _received = new int[64];
    private float[] _rttSumMs = new float[64];
    private int[] _rttCount = new int[64];
    private uint[] _targets = new uint[64];
    private int _targetTotal;

    public int Count { get; private set; }

    /// <summary>The bin being filled; observations are stamped with it so stale blocks can be told.</summary>
    public int Bin { get; private set; }

    /// <summary>Makes room for <paramref name="blocks"/> rows and targets at once: a 4.2M-line hitlist must not double its arrays on the way.</summary>
    public void EnsureCapacity(int blocks)
    {
        _rows.EnsureCapacity(blocks);
        Grow(blocks, exact: true);
        EnsureTargets(blocks, exact: true);
    }

    /// <summary>The row of <paramref name="network"/> (a /24 base, host order), or -1.</summary>
    public int Find(uint network) => _rows.TryGetValue(network & 0xFFFFFF00, out var row) ? row : -1;

    /// <summary>
    /// The row of the block holding <paramref name="address"/>, added if new with the given entity;
    /// the address becomes one of its targets when <paramref name="target"/> is set.
    /// </summary>
    public int Add(uint address, CountryCode country, uint asn, double availability, bool target)
    {
        var network = address & 0xFFFFFF00;
        if (!_rows.TryGetValue(network, out var row))
        {
            row = Count++;
            Grow(Count);
            _rows[network] = row;
            _network[row] = network;
            _belief[row] = (float)TrinocularBelief.Prior;
            _availability[row] = (float)availability;
            _country[row] = country;
            _asn[row] = asn;
            _targetStart[row] = -1;
            _lastBin[row] = int.MinValue;
        }

        if (target)
        {
            AddTarget(row, address);
        }

        return row;
    }

    public uint Network(int row) => _network[row];

    public CountryCode Country(int row) => _country[row];

    public uint Asn(int row) => _asn[row];

    public double Belief(int row) => _belief[row];

    public double Availability(int row) => _availability[row];

    public BlockState State(int row) => TrinocularBelief.StateOf(_belief[row]);

    public int TargetCount(int row) => _targetCount[row];

    /// <summary>The block's next target address, round-robin, so re-probes of a round go to other addresses (§3.3).</summary>
    public uint NextTarget(int row)
    {
        var count = _targetCount[row];
        var cursor = _targetCursor[row];
        _targetCursor[row] = (byte)((cursor + 1) % count);
        return _targets[_targetStart[row] + cursor];
    }

    /// <summary>Applies one probe's outcome: the Bayesian update, and the bin's counts and RTT (NaN: an answer whose RTT is not known).</summary>
    public void Observe(int row, bool replied, double rttMs = double.NaN)
    {
        _belief[row] = (float)TrinocularBelief.Update(_belief[row], _availability[row], replied);
        _sent[row]++;
        if (replied)
        {
            _received[row]++;
            if (!double.IsNaN(rttMs))
            {
                _rttSumMs[row] += (float)rttMs;
                _rttCount[row]++;
            }
        }

        _lastBin[row] = Bin;
    }

    /// <summary>This bin's probes and answers of the block, and the mean RTT of its answers.</summary>
    public (int Sent, int Received, double? MeanRttMs) BinCounts(int row) =>
        (_sent[row], _received[row], _rttCount[row] == 0 ? null : _rttSumMs[row] / _rttCount[row]);

    /// <summary>
    /// Closes the bin: counts restart, and blocks nobody observed for <paramref name="staleBins"/>
    /// bins go back to unknown (belief decays to the prior, it does not stay up forever).
    /// </summary>
    public void NextBin(int staleBins)
    {
        for (var row = 0; row < Count; row++)
        {
            if (_lastBin[row] != int.MinValue && Bin - _lastBin[row] >= staleBins)
            {
                _belief[row] = (float)TrinocularBelief.Prior;
            }
        }

        Array.Clear(_sent, 0, Count);
        Array.Clear(_received, 0, Count);
        Array.Clear(_rttSumMs, 0, Count);
        Array.Clear(_rttCount, 0, Count);
        Bin++;
    }

    private void AddTarget(int row, uint address)
    {
        var start = _targetStart[row];
        var count = _targetCount[row];
        if (count == byte.MaxValue)
        {
            return;
        }

        for (var i = 0; i < count; i++)
        {
            if (_targets[start + i] == address)
            {
                return;
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
    }

    private void EnsureTargets(int size, bool exact = false)
    {
        if (size > _targets.Length)
        {
            Array.Resize(ref _targets, exact ? size : Math.Max(size, _targets.Length * 2));
        }
    }

    private void Grow(int size, bool exact = false)
    {
        if (size <= _network.Length)
        {
            return;
        }

        var capacity = exact ? size : Math.Max(size, _network.Length * 2);
        Array.Resize(ref _network, capacity);
        Array.Resize(ref _belief, capacity);
        Array.Resize(ref _availability, capacity);
        Array.Resize(ref _country, capacity);
        Array.Resize(ref _asn, capacity);
        Array.Resize(ref _targetStart, capacity);
        Array.Resize(ref _targetCount, capacity);
        Array.Resize(ref _targetCursor, capacity);
        Array.Resize(ref _lastBin, capacity);
        Array.Resize(ref _sent, capacity);
        Array.Resize(ref _received, capacity);
        Array.Resize(ref _rttSumMs, capacity);
        Array.Resize(ref _rttCount, capacity);
    }
}
