using ICSharpCode.SharpZipLib.BZip2;

namespace Grid.Bgp.Mrt.Parser;

/// <summary>
/// bzip2 decompression that keeps every octet it could decode when the compressed stream is cut
/// off. SharpZipLib throws from inside a Read and the octets of that call are lost; reading octet
/// by octet (which its Read does internally anyway) hands them all over and reports the error on
/// the next call. Archives are often truncated (partial downloads, "first MB" samples).
/// </summary>
internal sealed class TruncationTolerantBZip2Stream(Stream compressed) : ReadOnlyStream
{
    private readonly BZip2InputStream _inner = new(compressed) { IsStreamOwner = true };
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
            _inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
