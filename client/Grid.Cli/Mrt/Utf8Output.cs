using System.Runtime.CompilerServices;
using System.Buffers.Text;

namespace Grid.Cli.Mrt;

/// <summary>
/// A large byte buffer in front of an output stream: text is written as UTF-8 (here ASCII) octets
/// and reaches the stream in big blocks. Callers reserve room for a whole line first
/// (<see cref="Reserve"/>), so a line never straddles a flush and can be rewound while written.
/// </summary>
internal sealed class Utf8Output(Stream stream, int size = 1 << 20) : IDisposable
{
    private byte[] _buffer = new byte[size];

    /// <summary>Octets written to the buffer and not yet flushed; also a mark for <see cref="Rewind"/>.</summary>
    public int Position { get; private set; }

    /// <summary>Makes sure <paramref name="size"/> octets can be written without a flush.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Reserve(int size)
    {
        if (_buffer.Length - Position >= size)
        {
            return;
        }
        Flush();
        if (_buffer.Length < size)
        {
            _buffer = new byte[size];
        }
    }

    /// <summary>Forgets what was written since <paramref name="position"/> (within one reserved line).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Rewind(int position) => Position = position;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(ReadOnlySpan<byte> octets)
    {
        octets.CopyTo(_buffer.AsSpan(Position));
        Position += octets.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(byte octet) => _buffer[Position++] = octet;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(uint value)
    {
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(Position), out var written);
        Position += written;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(int value)
    {
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(Position), out var written);
        Position += written;
    }

    /// <summary>Writes <paramref name="value"/> with at least <paramref name="digits"/> digits, zero-padded (printf "%06u").</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(uint value, int digits)
    {
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(Position), out var written, new System.Buffers.StandardFormat('D', (byte)digits));
        Position += written;
    }

    /// <summary>The octets written since <paramref name="position"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> WrittenSince(int position) => _buffer.AsSpan(position, Position - position);

    public void Flush()
    {
        stream.Write(_buffer, 0, Position);
        Position = 0;
    }

    public void Dispose()
    {
        Flush();
        stream.Flush();
    }
}
