using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace Grid.Bgp.Mrt.Parser;

/// <summary>
/// Runs a decompressor on its own thread, a few chunks ahead of the reader, so inflating gzip or
/// bzip2 overlaps with decoding records (two cores do the work of one in about half the time).
/// An error of the inner stream reaches the reader after all octets read before it.
/// </summary>
internal sealed class ReadAheadStream : ReadOnlyStream
{
    private const int ChunkSize = 512 * 1024;
    private readonly Stream _inner;
    private readonly Channel<Chunk> _chunks = Channel.CreateBounded<Chunk>(
        new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;
    private Chunk _current = new(null, 0, null);
    private int _position;

    public ReadAheadStream(Stream inner)
    {
        _inner = inner;
        _producer = Task.Run(ProduceAsync);
    }

    public override int Read(Span<byte> buffer)
    {
        while (_position == _current.Length)
        {
            Return(_current);
            _position = 0;
            if (!_chunks.Reader.TryRead(out var next))
            {
                var wait = _chunks.Reader.WaitToReadAsync();
                var more = wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
                if (!more || !_chunks.Reader.TryRead(out next))
                {
                    _current = new Chunk(null, 0, null);
                    return 0;
                }
            }
            _current = next;
            if (next.Error is { } error)
            {
                _current = new Chunk(null, 0, null);
                ExceptionDispatchInfo.Throw(error);
            }
        }
        var count = Math.Min(buffer.Length, _current.Length - _position);
        _current.Buffer.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    private async Task ProduceAsync()
    {
        Exception? failure = null;
        try
        {
            while (failure is null)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                var filled = 0;
                try
                {
                    int read;
                    while (filled < ChunkSize && (read = _inner.Read(buffer, filled, ChunkSize - filled)) > 0)
                    {
                        filled += read;
                    }
                }
                catch (Exception error)
                {
                    // Octets read before the error still go out, ahead of it.
                    failure = error;
                }
                if (filled == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }
                await _chunks.Writer.WriteAsync(new Chunk(buffer, filled, null), _stop.Token).ConfigureAwait(false);
            }
            if (failure is not null)
            {
                await _chunks.Writer.WriteAsync(new Chunk(null, 0, failure), _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            _chunks.Writer.TryComplete();
        }
    }

    private static void Return(Chunk chunk)
    {
        if (chunk.Buffer is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Cancel();
            while (_chunks.Reader.TryRead(out var chunk))
            {
                Return(chunk);
            }
            try
            {
                _producer.Wait();
            }
            catch (AggregateException)
            {
            }
            while (_chunks.Reader.TryRead(out var chunk))
            {
                Return(chunk);
            }
            _inner.Dispose();
            _stop.Dispose();
        }
        base.Dispose(disposing);
    }

    private readonly record struct Chunk(byte[]? Buffer, int Length, Exception? Error);
}
