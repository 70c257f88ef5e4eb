using Grid.Geography;

namespace Grid.Grains.Probing;

/// <summary>
/// The probed /24 blocks of one probe shard in parallel arrays, one row per block: its network,
/// Trinocular belief and availability, the country and AS it counts for, and what this bin saw
/// (probes sent, answers, RTT sum). IODA probes about 4.2M blocks, so a block is a row of ~40 bytes,
/// not an object. The addresses to probe are the prober's (silo/Feeds/Probing/ProbeTargets.cs).
/// Not thread-safe: the owner (a grain) serialises access.
/// </summary>
public sealed class BlockTable
{
    private readonly Dictionary<uint, int> _rows = [];
    private uint[] _network = new uint[64];
    private float[] _belief = new float[64];
    private float[] _availability = new float[64];
    private CountryCode[] _country = new CountryCode[64];
    private uint[] _asn = new uint[64];
    private int[] _lastBin = new int[64];
    private int[] _sent = new int[64];
    private int[] _received = new int[64];
    private float[] _rttSumMs = new float[64];
    private int[] _rttCount = new int[64];
    // Who observed each block this bin (indices into _senders, -1 none): the first sender and one other.
    private int[] _firstSender = new int[64];
    private int[] _otherSender = new int[64];
    private readonly List<string> _senders = [];
    private readonly Dictionary<string, int> _senderIndex = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    /// <summary>The bin being filled; observations are stamped with it so stale blocks can be told.</summary>
    public int Bin { get; private set; }

    /// <summary>Makes room for <paramref name="blocks"/> rows at once: a restored shard must not double its arrays on the way.</summary>
    public void EnsureCapacity(int blocks)
    {
        _rows.EnsureCapacity(blocks);
        Grow(blocks, exact: true);
    }

    /// <summary>The row of <paramref name="network"/> (a /24 base, host order), or -1.</summary>
    public int Find(uint network) => _rows.TryGetValue(network & 0xFFFFFF00, out var row) ? row : -1;

    /// <summary>The row of the block holding <paramref name="address"/>, added if new with the given entity and availability.</summary>
    public int Add(uint address, CountryCode country, uint asn, double availability)
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
            _lastBin[row] = int.MinValue;
            _firstSender[row] = -1;
            _otherSender[row] = -1;
        }

        return row;
    }

    public uint Network(int row) => _network[row];

    public CountryCode Country(int row) => _country[row];

    public uint Asn(int row) => _asn[row];

    public double Belief(int row) => _belief[row];

    public double Availability(int row) => _availability[row];

    public BlockState State(int row) => TrinocularBelief.StateOf(_belief[row]);

    /// <summary>A hitlist's availability for the block: the prober's knowledge of its addresses beats the default an outside result brought.</summary>
    public void SetAvailability(int row, double availability) => _availability[row] = (float)availability;

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

    /// <summary>
    /// Applies a result of several probes (an outside vantage point's): each answer and each silence
    /// is one Bayesian update, answers first as the result does not say their order, and the known
    /// RTTs join the bin's.
    /// </summary>
    public void Observe(int row, int sent, int replied, double rttSumMs, int rttCount)
    {
        replied = Math.Min(replied, sent);
        for (var i = 0; i < sent; i++)
        {
            _belief[row] = (float)TrinocularBelief.Update(_belief[row], _availability[row], i < replied);
        }

        _sent[row] += sent;
        _received[row] += replied;
        _rttSumMs[row] += (float)rttSumMs;
        _rttCount[row] += rttCount;
        _lastBin[row] = Bin;
    }

    /// <summary>
    /// A late result (measured in bin <paramref name="bin"/>, which has ended) moves the block's
    /// belief when nothing newer was observed of it: otherwise a block first seen through results
    /// that arrive after their bin (an Atlas batch, a loaded silo) would stay at its prior for good.
    /// Its counts belong to that past bin, not this one.
    /// </summary>
    public void Learn(int row, int bin, int sent, int replied)
    {
        if (_lastBin[row] != int.MinValue && _lastBin[row] >= bin)
        {
            return;
        }
        replied = Math.Min(replied, sent);
        for (var i = 0; i < sent; i++)
        {
            _belief[row] = (float)TrinocularBelief.Update(_belief[row], _availability[row], i < replied);
        }
        _lastBin[row] = bin;
    }

    /// <summary>The index of a sender (the prober, or an outside key's id and name) in this table.</summary>
    public int SenderIndex(string sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (!_senderIndex.TryGetValue(sender, out var index))
        {
            _senderIndex[sender] = index = _senders.Count;
            _senders.Add(sender);
        }

        return index;
    }

    public string SenderName(int index) => _senders[index];

    /// <summary>Notes that <paramref name="sender"/> observed the block this bin.</summary>
    public void Saw(int row, int sender) => BlockSenders.Note(_firstSender, _otherSender, row, sender);

    /// <summary>The senders that observed the block this bin: none, one, or two of them (two stand for several).</summary>
    public (int First, int Other) Senders(int row) => (_firstSender[row], _otherSender[row]);

    /// <summary>This bin's probes and answers of the block, and the mean RTT of its answers.</summary>
    public (int Sent, int Received, double? MeanRttMs) BinCounts(int row) =>
        (_sent[row], _received[row], _rttCount[row] == 0 ? null : _rttSumMs[row] / _rttCount[row]);

    /// <summary>This bin's RTT sum and count of the block (a closed bin keeps them to add late answers to).</summary>
    public (double SumMs, int Count) BinRtt(int row) => (_rttSumMs[row], _rttCount[row]);

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
        Array.Fill(_firstSender, -1, 0, Count);
        Array.Fill(_otherSender, -1, 0, Count);
        Bin++;
    }

    /// <summary>What survives the shard's move to another silo: every block's entity and belief, not this bin's counts.</summary>
    public ProbeShardState Snapshot() => new()
    {
        Bin = Bin,
        Networks = _network[..Count],
        Beliefs = _belief[..Count],
        Availabilities = _availability[..Count],
        Countries = _country[..Count],
        Asns = _asn[..Count],
        LastBins = _lastBin[..Count],
    };

    public static BlockTable Restore(ProbeShardState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var table = new BlockTable { Bin = state.Bin };
        table.EnsureCapacity(state.Networks.Length);
        for (var i = 0; i < state.Networks.Length; i++)
        {
            var row = table.Add(state.Networks[i], state.Countries[i], state.Asns[i], state.Availabilities[i]);
            table._belief[row] = state.Beliefs[i];
            table._lastBin[row] = state.LastBins[i];
        }

        return table;
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
        Array.Resize(ref _lastBin, capacity);
        Array.Resize(ref _sent, capacity);
        Array.Resize(ref _received, capacity);
        Array.Resize(ref _rttSumMs, capacity);
        Array.Resize(ref _rttCount, capacity);
        Array.Resize(ref _firstSender, capacity);
        Array.Resize(ref _otherSender, capacity);
    }
}
