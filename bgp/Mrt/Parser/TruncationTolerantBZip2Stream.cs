using ICSharpCode.SharpZipLib.BZip2;

namespace Grid.Bgp.Mrt.Parser;

/// <summary>
/// bzip2 decompression that keeps every octet it could decode when the compressed stream is cut
/// off. SharpZipLib throws from inside a Read and the octets of that call are lost; reading octet
/// by octet (which its Read does internally anyway) hands them all over and reports the error on
/// the next call. Archives are often truncated (partial downloads, "first MB" samples). SharpZipLib
/// decodes the first block in its constructor, so it is created on the first read, where a
/// damaged header becomes a read error like any other.
/// </summary>
internal sealed class TruncationTolerantBZip2Stream(Stream compressed) : ReadOnlyStream
{
    private BZip2InputStream? _inner;
    private Exception? _pending;

    public override int Read(Span<byte> buffer)
    {
        if (_pending is { } pending)
        {
            _pending = null;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(pending);
        }
        var count = 0;
        try
        {
            _inner ??= new BZip2InputStream(compressed) { IsStreamOwner = false };
            while (count < buffer.Length)
            {
                var value = _inner.ReadByte();
                if (value < 0)
                {
                    break;
                }
                buffer[count++] = (byte)value;
            }
        }
        catch (Exception error) when (count > 0)
        {
            _pending = error;
        }
        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner?.Dispose();
            compressed.Dispose();
        }
        base.Dispose(disposing);
    }
}
