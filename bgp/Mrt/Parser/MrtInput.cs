using System.IO.Compression;
using Grid.Bgp.Mrt.Model;

namespace Grid.Bgp.Mrt.Parser;

/// <summary>Opens the uncompressed MRT octets of an input, whatever its compression.</summary>
internal static class MrtInput
{
    public static Stream Decompress(Stream raw, bool decompressInBackground, out MrtCompression compression)
    {
        var magic = new byte[3];
        var sniffed = 0;
        int read;
        while (sniffed < magic.Length && (read = raw.Read(magic, sniffed, magic.Length - sniffed)) > 0)
        {
            sniffed += read;
        }
        Stream input;
        if (raw.CanSeek)
        {
            raw.Seek(-sniffed, SeekOrigin.Current);
            input = raw;
        }
        else
        {
            input = new PrefixedStream(magic, sniffed, raw);
        }

        compression = sniffed >= 2 && magic[0] == 0x1F && magic[1] == 0x8B ? MrtCompression.Gzip
            : sniffed == 3 && magic[0] == (byte)'B' && magic[1] == (byte)'Z' && magic[2] == (byte)'h' ? MrtCompression.Bzip2
            : MrtCompression.None;
        Stream decompressed = compression switch
        {
            MrtCompression.Gzip => new GZipStream(input, CompressionMode.Decompress, leaveOpen: false),
            MrtCompression.Bzip2 => new TruncationTolerantBZip2Stream(input),
            _ => input,
        };
        return compression != MrtCompression.None && decompressInBackground ? new ReadAheadStream(decompressed) : decompressed;
    }
}
