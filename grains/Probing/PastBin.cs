namespace Grid.Grains.Probing;

/// <summary>
/// A bin of a probe shard that has ended, kept while results measured in it may still come
/// (Grid:Signals:MaxLateness): each block's state and counts as the bin closed, plus what late
/// results add. Results are binned by when they were measured, not when they arrived: an outside
/// vantage point's upload of the last two hours lands in those hours' bins. A late answer makes its
/// block up in that bin and a late silence makes an unknown one down; the block's current belief
/// is left alone, since old evidence says nothing of now.
/// </summary>
public sealed class PastBin
{
    private BlockState[] _state;
    private int[] _sent;
    private int[] _received;
    private double[] _rttSumMs;
    private int[] _rttCount;
    private int[] _firstSender;
    private int[] _otherSender;

    private PastBin(DateTimeOffset at, int rows)
    {
        At = at;
        _state = new BlockState[rows];
        _sent = new int[rows];
        _received = new int[rows];
        _rttSumMs = new double[rows];
        _rttCount = new int[rows];
        _firstSender = new int[rows];
        _otherSender = new int[rows];
        Array.Fill(_firstSender, -1);
        Array.Fill(_otherSender, -1);
    }

    /// <summary>The bin's end, which names it (as <see cref="ShardProbeBin.At"/> does).</summary>
    public DateTimeOffset At { get; }

    /// <summary>Late results changed it since its parts were last sent.</summary>
    public bool Changed { get; set; }

    public int Rows => _state.Length;

    /// <summary>The bin as <paramref name="table"/> holds it at its close.</summary>
    public static PastBin Closed(BlockTable table, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(table);
        var bin = new PastBin(at, table.Count);
        for (var row = 0; row < table.Count; row++)
        {
            var (sent, received, _) = table.BinCounts(row);
            bin._state[row] = table.State(row);
            bin._sent[row] = sent;
            bin._received[row] = received;
            (bin._rttSumMs[row], bin._rttCount[row]) = table.BinRtt(row);
            (bin._firstSender[row], bin._otherSender[row]) = table.Senders(row);
        }

        return bin;
    }

    /// <summary>A bin this shard never closed (it was elsewhere, or not yet active): only late results fill it.</summary>
    public static PastBin Empty(DateTimeOffset at, int rows)
    {
        var bin = new PastBin(at, rows);
        Array.Fill(bin._state, BlockState.Unknown);
        return bin;
    }

    /// <summary>
    /// Adds what <paramref name="late"/> holds: results routed to this bin by their timestamp in the
    /// moment between its end and the shard's close, which must not be lost when the close takes its snapshot.
    /// </summary>
    public void Add(PastBin late)
    {
        ArgumentNullException.ThrowIfNull(late);
        for (var row = 0; row < late.Rows; row++)
        {
            if (late._sent[row] > 0)
            {
                Observe(row, late._sent[row], late._received[row], late._rttSumMs[row], late._rttCount[row], late._firstSender[row]);
                Saw(row, late._otherSender[row]);
            }
        }
    }

    public BlockState State(int row) => row < Rows ? _state[row] : BlockState.Unknown;

    public (int Sent, int Received, double? MeanRttMs) Counts(int row) =>
        row < Rows ? (_sent[row], _received[row], _rttCount[row] == 0 ? null : _rttSumMs[row] / _rttCount[row]) : (0, 0, null);

    /// <summary>The senders that observed the block in this bin (indices of the table's senders, -1 none).</summary>
    public (int First, int Other) Senders(int row) => row < Rows ? (_firstSender[row], _otherSender[row]) : (-1, -1);

    public void Observe(int row, int sent, int replied, double rttSumMs, int rttCount, int sender = -1)
    {
        Grow(row + 1);
        Saw(row, sender);
        replied = Math.Min(replied, sent);
        _sent[row] += sent;
        _received[row] += replied;
        _rttSumMs[row] += rttSumMs;
        _rttCount[row] += rttCount;
        if (replied > 0)
        {
            _state[row] = BlockState.Up;
        }
        else if (sent > 0 && _state[row] == BlockState.Unknown)
        {
            _state[row] = BlockState.Down;
        }

        Changed = true;
    }

    private void Saw(int row, int sender) => BlockSenders.Note(_firstSender, _otherSender, row, sender);

    private void Grow(int rows)
    {
        if (rows <= Rows)
        {
            return;
        }

        var length = Math.Max(rows, Rows * 2);
        var old = Rows;
        Array.Resize(ref _state, length);
        Array.Resize(ref _sent, length);
        Array.Resize(ref _received, length);
        Array.Resize(ref _rttSumMs, length);
        Array.Resize(ref _rttCount, length);
        Array.Resize(ref _firstSender, length);
        Array.Resize(ref _otherSender, length);
        Array.Fill(_state, BlockState.Unknown, old, length - old);
        Array.Fill(_firstSender, -1, old, length - old);
        Array.Fill(_otherSender, -1, old, length - old);
    }
}
