using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Grid.Bgp.Tests.Lab;

/// <summary>Just enough of a BGP OPEN (RFC 4271 §4.2) to see who sent it; Grid.Bgp will own the real codec.</summary>
internal readonly record struct BgpOpen(ushort MyAsn, IPAddress BgpIdentifier)
{
    private const int HeaderLength = 19;
    private const byte OpenType = 1;

    public static async Task<BgpOpen> ReadAsync(Socket socket, CancellationToken cancellationToken)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var header = new byte[HeaderLength];
        await stream.ReadExactlyAsync(header, cancellationToken);
        Assert.All(header[..16], marker => Assert.Equal(0xFF, marker));
        Assert.Equal(OpenType, header[18]);
        var body = new byte[BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16)) - HeaderLength];
        await stream.ReadExactlyAsync(body, cancellationToken);
        Assert.Equal(4, body[0]);
        return new BgpOpen(BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(1)), new IPAddress(body.AsSpan(5, 4)));
    }
}
