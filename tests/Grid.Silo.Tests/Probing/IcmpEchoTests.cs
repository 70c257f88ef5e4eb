using System.Diagnostics;
using Grid.Silo.Feeds.Probing;
using Grid.Testing.Probing;

namespace Grid.Silo.Tests.Probing;

public sealed class IcmpEchoTests
{
    [Fact]
    public void TheChecksumIsRfc1071s()
    {
        // RFC 1071 §3's worked example: the one's-complement sum of these octets is 0xDDF2, its complement 0x220D.
        Assert.Equal(0x220D, IcmpEcho.Checksum([0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7]));
    }

    [Fact]
    public void ARequestChecksumsToZeroAndIsNotMistakenForAReply()
    {
        var packet = new byte[IcmpEcho.RequestLength];
        IcmpEcho.WriteRequest(packet, 0x1234, 7, new EchoData(42, 9, 123456789));

        Assert.Equal(0, IcmpEcho.Checksum(packet));
        Assert.Equal((8, 0, 0x12, 0x34, 0, 7), (packet[0], packet[1], packet[4], packet[5], packet[6], packet[7]));
        var datagram = new byte[20 + packet.Length];
        datagram[0] = 0x45;
        packet.CopyTo(datagram, 20);
        Assert.False(IcmpEcho.TryReadReply(datagram, 0x1234, out _, out _));
    }

    [NeedsRootFact]
    public void TheKernelAnswersOurEchoAndTheReplyCarriesOurDataBack()
    {
        using var socket = IcmpSocket.TryOpen(out var problem) ?? throw new InvalidOperationException(problem);
        var packet = new byte[IcmpEcho.RequestLength];
        var sent = new EchoData(3, 77, ProbeClock.Now());
        IcmpEcho.WriteRequest(packet, 0x4242, 1, sent);
        var loopback = 0x7F000001u;
        Assert.True(socket.Send(loopback, packet));

        // The socket sees every ICMP message of the host: skip what is not our reply.
        var buffer = new byte[2048];
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            var length = socket.Receive(buffer, out _);
            if (IcmpEcho.TryReadReply(buffer.AsSpan(0, length), 0x4242, out var source, out var data))
            {
                Assert.Equal((loopback, sent), (source, data));
                return;
            }
        }

        Assert.Fail("no echo reply from 127.0.0.1 within 5 s");
    }

    [NeedsRootFact]
    public void AReplysArrivalIsWhenTheKernelTookItInNotWhenTheReaderGotToIt()
    {
        using var socket = IcmpSocket.TryOpen(out var problem) ?? throw new InvalidOperationException(problem);
        // Turning stamping on is deferred to a kernel worker when no other socket of the host has it
        // (net_enable_timestamp): a loopback reply in the first instants can come unstamped, and its
        // arrival is then the read. A few tries give the worker its time; none stamped is a failure.
        var rtts = new List<double>();
        for (var seq = (ushort)1; seq <= 5; seq++)
        {
            var rtt = LateReadRtt(socket, seq);
            if (rtt < Late.TotalMilliseconds / 3)
            {
                // Loopback answers within microseconds; the bound leaves a loaded machine room, well short of the wait.
                return;
            }

            rtts.Add(rtt);
        }

        Assert.Fail($"every reply read {Late.TotalMilliseconds} ms late measured as late: {string.Join(", ", rtts.Select(r => $"{r:F1} ms"))}");
    }

    /// <summary>Sends one echo to loopback, reads its reply <see cref="Late"/> after, and returns the RTT the socket measured.</summary>
    private static double LateReadRtt(IcmpSocket socket, ushort seq)
    {
        var packet = new byte[IcmpEcho.RequestLength];
        var sent = ProbeClock.Now();
        IcmpEcho.WriteRequest(packet, 0x4343, seq, new EchoData(0, 1, sent));
        Assert.True(socket.Send(0x7F000001u, packet));

        // The reader comes late, as a receive thread waiting for a busy core does.
        Thread.Sleep(Late);
        var buffer = new byte[2048];
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            var length = socket.Receive(buffer, out var arrived);
            if (IcmpEcho.TryReadReply(buffer.AsSpan(0, length), 0x4343, out _, out var data) && data.SentTimestamp == sent)
            {
                return ProbeClock.RttMilliseconds(sent, arrived);
            }
        }

        throw new TimeoutException("no echo reply from 127.0.0.1 within 5 s");
    }

    private static readonly TimeSpan Late = TimeSpan.FromMilliseconds(600);
}
