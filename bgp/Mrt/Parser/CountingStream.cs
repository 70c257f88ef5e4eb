namespace Grid.Bgp.Mrt.Parser;

/// <summary>
/// Counts the octets read from the raw input, for progress. The count is read from another thread
/// than the one decompressing, so it is published with <see cref="Volatile"/>.
/// </summary>
internal sealed class CountingStream(Stream inner, bool leaveOpen) : ReadOnlyStream
{
    private long _count;

    public long Count => Volatile.Read(ref _count);

    public long? KnownLength { get; } = inner.CanSeek ? inner.Length - inner.Position : null;

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Volatile.Write(ref _count, _count + read);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
