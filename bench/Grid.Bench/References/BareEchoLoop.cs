using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Grid.Bench.References;

/// <summary>
/// The reference for the prober: one raw socket, echo requests to the same addresses as fast as a
/// loop can send them, and a thread that only counts replies. No belief, no matching, no waves:
/// what the kernel and one core allow (iputils' <c>ping -f</c> is not installed here, and sends to one address).
/// </summary>
public static class BareEchoLoop
{
    public static (long Sent, long Replies, TimeSpan Elapsed, TimeSpan Cpu) Run(IReadOnlyList<uint> targets, TimeSpan duration)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp) { ReceiveBufferSize = 8 * 1024 * 1024 };
        long replies = 0;
        var done = false;
        var receiver = new Thread(() =>
        {
            var buffer = new byte[2048];
            while (!Volatile.Read(ref done))
            {
                try
                {
                    var length = socket.Receive(buffer);
                    if (length >= 28 && buffer[(buffer[0] & 0x0F) * 4] == 0)
                    {
                        Interlocked.Increment(ref replies);
                    }
                }
                catch (SocketException)
                {
                    return;
                }
            }
        }) { IsBackground = true };
        receiver.Start();

        var packet = new byte[24];
        var address = new IPEndPoint(IPAddress.Any, 0).Serialize();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (clock.Elapsed < duration)
        {
            foreach (var target in targets)
            {
                packet[0] = 8;
                BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), 0);
                BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), 0xBEEF);
                BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), (ushort)sent);
                BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), Checksum(packet));
                BinaryPrimitives.WriteUInt32BigEndian(address.Buffer.Span[4..], target);
                socket.SendTo(packet, SocketFlags.None, address);
                sent++;
            }
        }

        var elapsed = clock.Elapsed;
        Thread.Sleep(200);
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Volatile.Write(ref done, true);
        socket.Close();
        return (sent, Interlocked.Read(ref replies), elapsed, used);
    }

    private static ushort Checksum(ReadOnlySpan<byte> octets)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < octets.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(octets[i..]);
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
