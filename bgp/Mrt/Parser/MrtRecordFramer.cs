using System.Runtime.CompilerServices;
using System.Buffers;
using System.Buffers.Binary;
using Grid.Bgp.Mrt.Model;

namespace Grid.Bgp.Mrt.Parser;

/// <summary>What <see cref="MrtRecordFramer.Next"/> found.</summary>
internal enum FrameResult
{
    Record,
    Error,
    End,
}

/// <summary>
/// Cuts an uncompressed MRT stream into records (RFC 6396 §2: a 12-octet header whose Length
/// covers the rest; §3: _ET types add a microsecond field counted in Length). Records are handed
/// out in place, in one pooled buffer that is refilled as the stream advances, so a file of any size
/// is read in constant memory. The header length is also how a reader gets past a bad record.
/// </summary>
internal sealed class MrtRecordFramer : IDisposable
{
    /// <summary>No writer produces records this large (a BGP message is at most 64 KiB; a busy RIB record a few hundred KiB).</summary>
    public const int MaxRecordLength = 16 * 1024 * 1024;

    private const int InitialBufferSize = 1024 * 1024;
    private readonly Stream _input;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _endOfInput;
    private string? _inputError;
    private bool _sawRecord;
    private bool _finished;

    public MrtRecordFramer(Stream input) => _input = input;

    /// <summary>The buffer the last record's body lies in (valid until the next call).</summary>
    public byte[] Buffer => _buffer;

    /// <summary>Octets of uncompressed input consumed so far.</summary>
    public long Position => _bufferOffset + _start;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public FrameResult Next(out MrtHeader header, out int bodyStart, out MrtError? error)
    {
        header = default;
        bodyStart = 0;
        error = null;
        if (_finished)
        {
            return FrameResult.End;
        }

        var offset = Position;
        if (!Fill(MrtHeader.Size))
        {
            var available = _end - _start;
            _finished = true;
            if (available == 0 && _inputError is null)
            {
                return FrameResult.End;
            }
            error = Truncation(offset, default, available == 0 ? "the input ends" : $"the input ends {available} octets into a record header");
            return FrameResult.Error;
        }

        var head = _buffer.AsSpan(_start, MrtHeader.Size);
        var timestamp = BinaryPrimitives.ReadUInt32BigEndian(head);
        var kind = new MrtRecordKind(BinaryPrimitives.ReadUInt16BigEndian(head[4..]), BinaryPrimitives.ReadUInt16BigEndian(head[6..]));
        var length = BinaryPrimitives.ReadUInt32BigEndian(head[8..]);

        if (!_sawRecord && (!MrtHeader.IsKnownType(kind.Type) || length > MaxRecordLength))
        {
            _finished = true;
            error = new MrtError(MrtErrorKind.NotMrt, offset, kind,
                $"the first record header names type {kind.Type} and length {length}, which no MRT writer produces (RFC 6396 §4)");
            return FrameResult.Error;
        }
        _sawRecord = true;

        var extended = MrtHeader.IsExtendedTimestampType(kind.Type);
        if (length > MaxRecordLength || (extended && length < 4))
        {
            var skipped = Skip(MrtHeader.Size + (long)length);
            error = length > MaxRecordLength
                ? new MrtError(MrtErrorKind.RecordTooLarge, offset, kind, $"a record of {length} octets is larger than any MRT writer produces; skipped")
                : new MrtError(MrtErrorKind.MalformedRecord, offset, kind, $"length {length} cannot hold the 4-octet microsecond field of an _ET record (RFC 6396 §3)");
            _finished = !skipped;
            return FrameResult.Error;
        }

        if (!Fill(MrtHeader.Size + (int)length))
        {
            _finished = true;
            error = Truncation(offset, kind, $"the input ends {_end - _start - MrtHeader.Size} octets into a {length}-octet record");
            return FrameResult.Error;
        }

        bodyStart = _start + MrtHeader.Size;
        var microseconds = 0u;
        var bodyLength = (int)length;
        if (extended)
        {
            microseconds = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(bodyStart));
            bodyStart += 4;
            bodyLength -= 4;
        }
        header = new MrtHeader(timestamp, microseconds, kind.Type, kind.Subtype, bodyLength, offset);
        _start += MrtHeader.Size + (int)length;
        return FrameResult.Record;
    }

    private MrtError Truncation(long offset, MrtRecordKind kind, string what) => new(MrtErrorKind.Truncated, offset, kind,
        _inputError is null ? $"{what}: the file is cut off"
            : $"{what}: the compressed input is damaged or cut off ({_inputError})");

    /// <summary>Makes <paramref name="needed"/> octets from the current record start available; false at the end of input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Fill(int needed)
    {
        if (_end - _start >= needed)
        {
            return true;
        }
        if (_endOfInput)
        {
            return false;
        }
        var kept = _end - _start;
        if (needed > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
            _buffer.AsSpan(_start, kept).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, kept).CopyTo(_buffer);
        }
        _bufferOffset += _start;
        _start = 0;
        _end = kept;

        while (_end < needed)
        {
            var read = ReadInput(_buffer.AsSpan(_end));
            if (read == 0)
            {
                _endOfInput = true;
                return false;
            }
            _end += read;
        }
        return true;
    }

    /// <summary>Consumes <paramref name="count"/> octets from the current record start; false if the input ends first.</summary>
    private bool Skip(long count)
    {
        var buffered = _end - _start;
        if (count <= buffered)
        {
            _start += (int)count;
            return true;
        }
        count -= buffered;
        _bufferOffset += _end;
        _start = _end = 0;
        while (count > 0)
        {
            var read = _endOfInput ? 0 : ReadInput(_buffer.AsSpan(0, (int)Math.Min(count, _buffer.Length)));
            if (read == 0)
            {
                _endOfInput = true;
                return false;
            }
            count -= read;
            _bufferOffset += read;
        }
        return true;
    }

    private int ReadInput(Span<byte> destination)
    {
        try
        {
            return _input.Read(destination);
        }
        catch (Exception error) when (error is not (OutOfMemoryException or OperationCanceledException))
        {
            // Whatever a decompressor throws on damaged input (IOException, InvalidDataException, SharpZipLib's
            // exceptions, even an IndexOutOfRangeException on a corrupt bzip2 table) means the input ends here.
            _inputError = error.Message;
            return 0;
        }
    }

    public void Dispose()
    {
        _input.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
