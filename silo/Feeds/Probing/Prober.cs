using System.Diagnostics;
using Grid.Grains.Probing;

namespace Grid.Silo.Feeds.Probing;

/// <summary>
/// Grid's own vantage point: Trinocular rounds of ICMP echo (RFC 792) over the hitlist's blocks.
/// A round goes in waves: every block gets one probe, and the blocks whose belief is still
/// uncertain, or whose answer contradicted their state, get another at their next address, up to
/// 15 (Trinocular §3.3). One receive thread matches replies by identifier, the block's row and the
/// wave's nonce carried in the echo data; a probe unanswered within the timeout counts as silence.
/// Each wave's outcomes go to the blocks' probe shards in one batch (<see cref="ProbeShardRouter"/>),
/// whose beliefs decide the next wave: the prober holds targets, not beliefs.
/// </summary>
public sealed class Prober : IDisposable
{
    private readonly ProbeTargets _targets;
    private readonly Func<IReadOnlyList<ProbeObservation>, Task<ProbeBeliefs>> _observe;
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

    /// <param name="observe">Applies a wave's outcomes to the blocks' beliefs and returns them (the shards' <see cref="ProbeShardRouter.ObserveAsync"/>).</param>
    public Prober(ProbeTargets targets, Func<IReadOnlyList<ProbeObservation>, Task<ProbeBeliefs>> observe, IcmpSocket socket, ProbePacer pacer, TimeSpan timeout)
    {
        _targets = targets;
        _observe = observe;
        _socket = socket;
        _pacer = pacer;
        _timeout = timeout;
        _receiver = new Thread(ReceiveLoop) { IsBackground = true, Name = "ICMP echo replies" };
        _receiver.Start();
    }

    public long ProbesSent => Interlocked.Read(ref _sent);

    public long RepliesReceived => Interlocked.Read(ref _replies);

    /// <summary>One round over the blocks <paramref name="due"/> takes (all when null: watch mode leaves some for their next bin).</summary>
    public async Task<ProbeRound> RunRoundAsync(CancellationToken cancellationToken, Func<int, bool>? due = null)
    {
        var clock = Stopwatch.StartNew();
        var rows = _targets.Count;
        List<int> pending = [.. Enumerable.Range(0, rows).Where(row => _targets.TargetCount(row) > 0 && (due is null || due(row)))];
        // The state each block had when the round began, as its shard reported it before the first probe.
        var before = new BlockState[rows];
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
            foreach (var row in pending)
            {
                wave.Address[row] = _targets.NextTarget(row);
            }

            Volatile.Write(ref _answers, 0);
            _currentNonce = nonce;
            var refused = 0;
            foreach (var row in pending)
            {
                await _pacer.WaitAsync(cancellationToken);
                IcmpEcho.WriteRequest(packet, _identifier, (ushort)nonce, new EchoData(row, nonce, ProbeClock.Now()));
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
            var outcomes = new ProbeObservation[pending.Count];
            for (var k = 0; k < pending.Count; k++)
            {
                var row = pending[k];
                var replied = wave.Answered[row] == nonce;
                answered += replied ? 1 : 0;
                outcomes[k] = _targets.Observation(row, replied, replied ? wave.RttMs[row] : double.NaN);
                probes[row]++;
            }

            var beliefs = await _observe(outcomes);
            List<int> next = [];
            for (var k = 0; k < pending.Count; k++)
            {
                var row = pending[k];
                if (waves == 1)
                {
                    before[row] = TrinocularBelief.StateOf(beliefs.Before[k]);
                }

                if (TrinocularBelief.NeedsAnotherProbe(beliefs.After[k], before[row], outcomes[k].Replied > 0, probes[row]))
                {
                    next.Add(row);
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
            var length = _socket.Receive(buffer, out var arrived);
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

            wave.RttMs[row] = ProbeClock.RttMilliseconds(data.SentTimestamp, arrived);
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
