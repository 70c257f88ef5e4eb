using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Collections.Concurrent;
using Grid.Testing.Lab;

namespace Grid.Testing.Probing;

/// <summary>
/// Answers echo requests (RFC 792) inside a country's namespace after a fixed delay: a stand-in for
/// <c>tc netem delay</c> on kernels without sch_netem. The replies are real packets on the veth,
/// written with the target's own address as source (IP_HDRINCL), so the prober sees nothing unusual
/// but the latency. Silence the kernel's replies first (<see cref="LabCountry.SilenceKernelEchoAsync"/>).
/// </summary>
public sealed class DelayedEchoResponder : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly TimeSpan _delay;
    private readonly BlockingCollection<(long Due, byte[] Packet, IPAddress To)> _queue = new();
    private readonly Thread _receiver;
    private readonly Thread _sender;
    private volatile bool _closed;
    private long _answered;

    public DelayedEchoResponder(NetworkNamespace ns, TimeSpan delay)
    {
        _delay = delay;
        _socket = ns.CreateSocket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);
        _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.HeaderIncluded, true);
        _receiver = new Thread(Receive) { IsBackground = true, Name = $"echo responder in {ns.Name}" };
        _receiver.Start();
        // Both loops own a thread: on a loaded test host the thread pool and its timers can lag by
        // hundreds of milliseconds, and that lag would show up as RTT the link does not have.
        _sender = new Thread(Send) { IsBackground = true, Name = $"echo sender in {ns.Name}" };
        _sender.Start();
    }

    public long Answered => Interlocked.Read(ref _answered);

    public ValueTask DisposeAsync()
    {
        _closed = true;
        _queue.CompleteAdding();
        _socket.Dispose();
        _sender.Join();
        return ValueTask.CompletedTask;
    }

    private void Receive()
    {
        var buffer = new byte[2048];
        while (!_closed)
        {
            int length;
            try
            {
                length = _socket.Receive(buffer);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                continue;
            }

            var headerLength = (buffer[0] & 0x0F) * 4;
            if (length < headerLength + 8 || buffer[headerLength] != 8)
            {
                continue;
            }

            // The reply: addresses swapped, type 0, the request's identifier, sequence and data kept.
            var reply = new byte[20 + length - headerLength];
            reply[0] = 0x45;
            reply[8] = 64;
            reply[9] = 1;
            BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(2), (ushort)reply.Length);
            buffer.AsSpan(16, 4).CopyTo(reply.AsSpan(12));
            buffer.AsSpan(12, 4).CopyTo(reply.AsSpan(16));
            buffer.AsSpan(headerLength, length - headerLength).CopyTo(reply.AsSpan(20));
            reply[20] = 0;
            reply[22] = reply[23] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(22), Checksum(reply.AsSpan(20)));
            var due = Stopwatch.GetTimestamp() + (long)(_delay.TotalSeconds * Stopwatch.Frequency);
            try
            {
                _queue.Add((due, reply, new IPAddress(buffer.AsSpan(12, 4))));
            }
            catch (InvalidOperationException)
            {
                return;
            }
        }
    }

    private void Send()
    {
        foreach (var (due, packet, to) in _queue.GetConsumingEnumerable())
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }

            try
            {
                _socket.SendTo(packet, new IPEndPoint(to, 0));
                Interlocked.Increment(ref _answered);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The lab is going away.
            }
        }
    }

    // RFC 1071, written out here so the lab does not lean on the code it tests.
    private static ushort Checksum(ReadOnlySpan<byte> octets)
    {
        uint sum = 0;
        for (var i = 0; i < octets.Length; i += 2)
        {
            sum += i + 1 < octets.Length ? BinaryPrimitives.ReadUInt16BigEndian(octets[i..]) : (uint)(octets[i] << 8);
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
