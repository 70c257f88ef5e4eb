using System.Diagnostics;
using Grid.Grains.Probing;

namespace Grid.Silo.Feeds.Probing;

/// <summary>
/// Grid's own vantage point: Trinocular rounds of ICMP echo (RFC 792) over the hitlist's blocks.
/// A round goes in waves: every block gets one probe, and the blocks whose belief is still
/// uncertain, or whose answer contradicted their state, get another at their next address, up to
/// 15 (Trinocular §3.3). One receive thread matches replies by identifier, the block's row and the
/// wave's nonce carried in the echo data; a probe unanswered within the timeout counts as silence.
/// </summary>
public sealed class Prober : IDisposable
{
    private readonly ProbeBlocks _blocks;
    private readonly IcmpSocket _socket;
    private readonly ProbePacer _pacer;
    private readonly TimeSpan _timeout;
    private readonly ushort _identifier = (ushort)Random.Shared.Next(1, ushort.MaxValue);
    private readonly Thread _receiver;
    private volatile Wave _wave = new(0);
    private volatile int _currentNonce;
    private volatile bool _closed;
    private int _nonces;
    private int _answers;
    private long _sent;
    private long _replies;

    public Prober(ProbeBlocks blocks, IcmpSocket socket, ProbePacer pacer, TimeSpan timeout)
    {
        _blocks = blocks;
        _socket = socket;
        _pacer = pacer;
        _timeout = timeout;
        _receiver = new Thread(ReceiveLoop) { IsBackground = true, Name = "ICMP echo replies" };
        _receiver.Start();
    }

    public long ProbesSent => Interlocked.Read(ref _sent);

    public long RepliesReceived => Interlocked.Read(ref _replies);

    public async Task<ProbeRound> RunRoundAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var table = _blocks.Table;
        List<int> pending = [];
        BlockState[] before;
        lock (_blocks.Gate)
        {
            before = new BlockState[table.Count];
            for (var row = 0; row < table.Count; row++)
            {
                if (table.TargetCount(row) > 0)
                {
                    pending.Add(row);
                    before[row] = table.State(row);
                }
            }
        }

        var wave = _wave.Rows >= before.Length ? _wave : new Wave(before.Length);
        _wave = wave;
        var probes = new byte[before.Length];
        var blocks = pending.Count;
        long sent = 0, answered = 0;
        var waves = 0;
        var packet = new byte[IcmpEcho.RequestLength];
        while (pending.Count > 0 && !cancellationToken.IsCancellationRequested)
        {
            waves++;
            var nonce = Interlocked.Increment(ref _nonces);
            lock (_blocks.Gate)
            {
                foreach (var row in pending)
                {
                    wave.Address[row] = table.NextTarget(row);
                }
            }

            Volatile.Write(ref _answers, 0);
            _currentNonce = nonce;
            var refused = 0;
            foreach (var row in pending)
            {
                await _pacer.WaitAsync(cancellationToken);
                IcmpEcho.WriteRequest(packet, _identifier, (ushort)nonce, new EchoData(row, nonce, Stopwatch.GetTimestamp()));
                refused += _socket.Send(wave.Address[row], packet) ? 0 : 1;
            }

            sent += pending.Count;
            Interlocked.Add(ref _sent, pending.Count);
            var deadline = Stopwatch.GetTimestamp() + (long)(_timeout.TotalSeconds * Stopwatch.Frequency);
            while (Volatile.Read(ref _answers) < pending.Count - refused && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(2, cancellationToken);
            }

            // Late replies belong to no wave: they count as silence, as a timeout means.
            _currentNonce = 0;
            List<int> next = [];
            lock (_blocks.Gate)
            {
                foreach (var row in pending)
                {
                    var replied = wave.Answered[row] == nonce;
                    answered += replied ? 1 : 0;
                    table.Observe(row, replied, replied ? wave.RttMs[row] : double.NaN);
                    probes[row]++;
                    if (TrinocularBelief.NeedsAnotherProbe(table.Belief(row), before[row], replied, probes[row]))
                    {
                        next.Add(row);
                    }
                }
            }

            pending = next;
        }

        return new ProbeRound(DateTimeOffset.UtcNow, blocks, sent, answered, waves, clock.Elapsed);
    }

    public void Dispose()
    {
        _closed = true;
        _socket.Dispose();
    }

    private void ReceiveLoop()
    {
        var buffer = new byte[2048];
        while (!_closed)
        {
            var length = _socket.Receive(buffer);
            if (length <= 0 || !IcmpEcho.TryReadReply(buffer.AsSpan(0, length), _identifier, out var source, out var data))
            {
                continue;
            }

            var wave = _wave;
            var nonce = _currentNonce;
            var row = data.Row;
            if (nonce == 0 || data.Nonce != nonce || (uint)row >= (uint)wave.Rows || wave.Address[row] != source || wave.Answered[row] == nonce)
            {
                continue;
            }

            wave.RttMs[row] = (float)Stopwatch.GetElapsedTime(data.SentTimestamp).TotalMilliseconds;
            Volatile.Write(ref wave.Answered[row], nonce);
            Interlocked.Increment(ref _answers);
            Interlocked.Increment(ref _replies);
        }
    }

    /// <summary>Per-row scratch of the wave in flight, written by the receive thread.</summary>
    private sealed class Wave(int rows)
    {
        public int Rows { get; } = rows;

        public uint[] Address { get; } = new uint[rows];

        public int[] Answered { get; } = new int[rows];

        public float[] RttMs { get; } = new float[rows];
    }
}

/// <summary>What one round did: blocks probed, probes sent and answered, waves, and how long it took.</summary>
public sealed record ProbeRound(DateTimeOffset FinishedAt, int Blocks, long Probes, long Replies, int Waves, TimeSpan Duration)
{
    public double ProbesPerSecond => Duration > TimeSpan.Zero ? Probes / Duration.TotalSeconds : 0;
}
