using System.Buffers;
using System.Runtime.CompilerServices;
using Grid.Bgp.Bmp.Model;
using Grid.Bgp.Bmp.Parser;

namespace Grid.Bgp.Bmp;

/// <summary>
/// Reads a BMP stream (RFC 7854), such as the TCP connection a router opens to a monitoring station,
/// and yields its messages in order. Peer Ups are remembered per peer, so each peer's UPDATEs are
/// decoded with the AS width and ADD-PATH families its session negotiated.
/// <code>
/// await using var reader = new BmpReader(connection);
/// var elements = new List&lt;RouteElement&gt;();
/// await foreach (var message in reader.ReadAsync(cancellationToken))
/// {
///     if (message is BmpRouteMonitoring { Peer.Rib: BmpRib.AdjRibInPrePolicy } routes)
///     {
///         routes.AddRouteElements(elements);   // valid until the next message
///     }
/// }
/// </code>
/// A malformed message is yielded as <see cref="BmpMalformed"/> (offset, reason) and skipped by its
/// length; a stream cut off mid-message ends with one. A broken common header (version other
/// than 3, impossible length) throws <see cref="BmpFramingException"/>: nothing after it can be framed.
/// Messages are cut from one pooled buffer and UPDATEs decoded into one reused object, so a full
/// table costs one small message object per UPDATE.
/// </summary>
public sealed class BmpReader : IAsyncDisposable, IDisposable
{
    private const int InitialBuffer = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly BmpMessageDecoder _decoder;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _consumed;

    /// <param name="stream">The BMP octets, e.g. a <see cref="System.Net.Sockets.NetworkStream"/>.</param>
    /// <param name="leaveOpen">Keep <paramref name="stream"/> open when the reader is disposed.</param>
    /// <param name="clock">The time of messages whose per-peer header says 0; the system clock by default.</param>
    public BmpReader(Stream stream, bool leaveOpen = false, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _decoder = new BmpMessageDecoder(clock ?? TimeProvider.System);
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    }

    /// <summary>Octets read and framed so far.</summary>
    public long Position => _consumed;

    /// <summary>Messages skipped unread: Route Mirroring (RFC 7854 §4.7) and types not known here.</summary>
    public long SkippedMessages { get; private set; }

    /// <summary>
    /// The stream's messages until it ends or a Termination arrives. Enumerate once; a
    /// <see cref="BmpRouteMonitoring"/>'s UPDATE is valid only until the next message is asked for.
    /// </summary>
    public async IAsyncEnumerable<BmpMessage> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (!await FillAsync(BmpCommonHeader.Size, cancellationToken))
            {
                if (_end > _start)
                {
                    yield return Truncated(BmpCommonHeader.Size);
                }
                yield break;
            }
            var header = BmpCommonHeader.Read(_buffer.AsSpan(_start, BmpCommonHeader.Size), _consumed);
            if (!await FillAsync((int)header.Length, cancellationToken))
            {
                yield return Truncated((int)header.Length, header);
                yield break;
            }
            var message = DecodeBuffered(header);
            if (message is null)
            {
                SkippedMessages++;
                continue;
            }
            yield return message;
            if (message is BmpTermination)
            {
                // RFC 7854 §4.5: the router closes the session after it.
                yield break;
            }
        }
    }

    public void Dispose()
    {
        ReturnBuffer();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        ReturnBuffer();
        if (!_leaveOpen)
        {
            await _stream.DisposeAsync();
        }
    }

    private BmpMessage? DecodeBuffered(BmpCommonHeader header)
    {
        var length = (int)header.Length;
        var message = _decoder.Decode(_buffer.AsSpan(_start, length), header, _consumed);
        _start += length;
        _consumed += length;
        return message;
    }

    private BmpMalformed Truncated(int needed, BmpCommonHeader? header = null)
    {
        var have = _end - _start;
        var reason = header is { } h
            ? $"the stream ends {have} octets into a {h.Length}-octet message (RFC 7854 §4.1)"
            : $"the stream ends {have} octets into a common header ({needed} octets, RFC 7854 §4.1)";
        return new BmpMalformed(header?.Type ?? default, reason) { Offset = _consumed };
    }

    /// <summary>Buffers at least <paramref name="needed"/> octets from the current message's start; false at the stream's end.</summary>
    private ValueTask<bool> FillAsync(int needed, CancellationToken cancellationToken) =>
        // Most messages are already buffered: no async state machine for them.
        _end - _start >= needed ? ValueTask.FromResult(true) : ReadMoreAsync(needed, cancellationToken);

    private async ValueTask<bool> ReadMoreAsync(int needed, CancellationToken cancellationToken)
    {
        if (_buffer.Length - _start < needed)
        {
            // Move the partial message to the front, into a larger pooled buffer if it still does not fit.
            var target = _buffer.Length >= needed ? _buffer : ArrayPool<byte>.Shared.Rent(needed);
            Buffer.BlockCopy(_buffer, _start, target, 0, _end - _start);
            if (!ReferenceEquals(target, _buffer))
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = target;
            }
            _end -= _start;
            _start = 0;
        }
        while (_end - _start < needed)
        {
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                return false;
            }
            _end += read;
        }
        return true;
    }

    private void ReturnBuffer()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
