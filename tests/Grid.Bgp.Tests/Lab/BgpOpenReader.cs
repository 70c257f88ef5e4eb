using System.Buffers.Binary;
using System.Net.Sockets;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;

namespace Grid.Bgp.Tests.Lab;

/// <summary>Reads the first message of a session and decodes it with Grid.Bgp's OPEN codec (RFC 4271 §4.2).</summary>
internal static class BgpOpenReader
{
    public static async Task<BgpOpen> ReadAsync(Socket socket, CancellationToken cancellationToken)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var header = new byte[BgpMessageHeader.Size];
        await stream.ReadExactlyAsync(header, cancellationToken);
        var message = new byte[Math.Max((int)BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16)), BgpMessageHeader.Size)];
        header.CopyTo(message, 0);
        await stream.ReadExactlyAsync(message.AsMemory(BgpMessageHeader.Size), cancellationToken);
        var body = BgpMessageFraming.Decode(message, out var parsed);
        Assert.Equal(BgpMessageType.Open, parsed.Type);
        return BgpOpen.Decode(body);
    }
}
