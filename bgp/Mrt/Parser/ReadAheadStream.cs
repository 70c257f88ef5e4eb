using System.Buffers;
using System.Runtime.ExceptionServices;

namespace Grid.Bgp.Mrt.Parser;

/// <summary>
/// Runs a slow decompressor (bzip2) on its own thread, a few chunks ahead of the reader, so
/// decompressing overlaps with decoding and printing. A dedicated thread and two semaphores, not
/// the thread pool: a reader that starts cold must not wait for the pool to grow. An error of the
/// inner stream reaches the reader after every octet read before it.
/// </summary>
internal sealed class ReadAheadStream : ReadOnlyStream
{
    private const int ChunkSize = 256 * 1024;
    private const int Depth = 4;
    private readonly Stream _inner;
    private readonly Chunk[] _ring = new Chunk[Depth];
    private readonly SemaphoreSlim _filled = new(0, Depth);
    private readonly SemaphoreSlim _free = new(Depth, Depth);
    private readonly Thread _producer;
    private volatile bool _stopping;
    private int _readIndex;
    private Chunk _current;
    private int _position;
    private bool _ended;

    public ReadAheadStream(Stream inner)
    {
        _inner = inner;
        _producer = new Thread(Produce) { IsBackground = true, Name = "MRT decompression" };
        _producer.Start();
    }

    public override int Read(Span<byte> buffer)
    {
        while (_position == _current.Length)
        {
            if (_ended)
            {
                return 0;
            }
            Release(ref _current);
            _filled.Wait();
            _current = _ring[_readIndex];
            _ring[_readIndex] = default;
            _readIndex = (_readIndex + 1) % Depth;
            _free.Release();
            _position = 0;
            if (_current.Buffer is null)
            {
                _ended = true;
                if (_current.Error is { } error)
                {
                    ExceptionDispatchInfo.Throw(error);
                }
                return 0;
            }
        }
        var count = Math.Min(buffer.Length, _current.Length - _position);
        _current.Buffer.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    private void Produce()
    {
        var writeIndex = 0;
        Exception? failure = null;
        while (!_stopping)
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
            Publish(ref writeIndex, new Chunk(buffer, filled, null));
            if (failure is not null)
            {
                break;
            }
        }
        Publish(ref writeIndex, new Chunk(null, 0, failure));
    }

    private void Publish(ref int writeIndex, Chunk chunk)
    {
        _free.Wait();
        _ring[writeIndex] = chunk;
        writeIndex = (writeIndex + 1) % Depth;
        _filled.Release();
    }

    private static void Release(ref Chunk chunk)
    {
        if (chunk.Buffer is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        chunk = default;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stopping = true;
            // Drain so the producer is never stuck waiting for room, then let it finish its read.
            while (_producer.IsAlive)
            {
                if (_filled.Wait(10))
                {
                    Release(ref _ring[_readIndex]);
                    _readIndex = (_readIndex + 1) % Depth;
                    _free.Release();
                }
            }
            Release(ref _current);
            for (var i = 0; i < Depth; i++)
            {
                Release(ref _ring[i]);
            }
            _inner.Dispose();
            _filled.Dispose();
            _free.Dispose();
        }
        base.Dispose(disposing);
    }

    private record struct Chunk(byte[]? Buffer, int Length, Exception? Error);
}
