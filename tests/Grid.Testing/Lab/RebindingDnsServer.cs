using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Grid.Testing.Lab;

/// <summary>
/// A DNS server (RFC 1035 over UDP) on 127.0.0.1:53 inside a network namespace, answering one name
/// the way a DNS-rebinding attacker does: its n-th A query gets <see cref="Answer"/>(n), with TTL 0
/// so nothing caches it. AAAA queries get no answer (NOERROR, empty); every other name NXDOMAIN.
/// A process in the namespace reaches it through <c>/etc/netns/NAME/resolv.conf</c>, which
/// <c>ip netns exec</c> mounts over /etc/resolv.conf: the silo's ordinary system resolver asks it.
/// </summary>
public sealed class RebindingDnsServer : IAsyncDisposable
{
    private const ushort TypeA = 1;
    private const ushort ClassIn = 1;

    private readonly Socket _socket;
    private readonly string _resolvConfDirectory;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _serving;
    private int _aQueries;

    private RebindingDnsServer(Socket socket, string name, Func<int, IPAddress> answer, string resolvConfDirectory)
    {
        _socket = socket;
        Name = name;
        Answer = answer;
        _resolvConfDirectory = resolvConfDirectory;
        _serving = ServeAsync();
    }

    public string Name { get; }

    /// <summary>The address given to the n-th A query for <see cref="Name"/>, n from 1.</summary>
    public Func<int, IPAddress> Answer { get; }

    /// <summary>A queries for <see cref="Name"/> answered so far.</summary>
    public int AQueries => Volatile.Read(ref _aQueries);

    /// <summary>Starts the server in <paramref name="ns"/> and points the namespace's resolv.conf at it.</summary>
    public static async Task<RebindingDnsServer> StartAsync(NetworkNamespace ns, string name, Func<int, IPAddress> answer)
    {
        ArgumentNullException.ThrowIfNull(ns);
        var socket = ns.CreateSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 53));
        var directory = Path.Combine("/etc/netns", ns.Name);
        Directory.CreateDirectory(directory);
        // One quick try per query: a lost answer shows as a failed attempt, not as a five-second stall.
        await File.WriteAllTextAsync(Path.Combine(directory, "resolv.conf"), "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n");
        return new RebindingDnsServer(socket, name.TrimEnd('.'), answer, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _socket.Dispose();
        try
        {
            await _serving;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        Directory.Delete(_resolvConfDirectory, recursive: true);
        _stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        var buffer = new byte[512];
        while (!_stopping.IsCancellationRequested)
        {
            var received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stopping.Token);
            if (Respond(buffer.AsSpan(0, received.ReceivedBytes)) is { } response)
            {
                await _socket.SendToAsync(response, SocketFlags.None, received.RemoteEndPoint, _stopping.Token);
            }
        }
    }

    /// <summary>The response to one query (RFC 1035 §4.1), or null for what is not a single-question query.</summary>
    private byte[]? Respond(ReadOnlySpan<byte> query)
    {
        // Header (§4.1.1): ID, flags, QDCOUNT, ANCOUNT, NSCOUNT, ARCOUNT; then the question (§4.1.2).
        if (query.Length < 12 || (query[2] & 0x80) != 0 || BinaryPrimitives.ReadUInt16BigEndian(query[4..]) != 1)
        {
            return null;
        }

        var labels = new List<string>();
        var at = 12;
        while (at < query.Length && query[at] != 0)
        {
            var length = query[at];
            if (length > 63 || at + 1 + length > query.Length)
            {
                return null;
            }

            labels.Add(Encoding.ASCII.GetString(query.Slice(at + 1, length)));
            at += 1 + length;
        }

        if (at + 5 > query.Length)
        {
            return null;
        }

        var questionEnd = at + 5;
        var type = BinaryPrimitives.ReadUInt16BigEndian(query[(at + 1)..]);
        var ours = string.Equals(string.Join('.', labels), Name, StringComparison.OrdinalIgnoreCase);
        IPAddress? address = ours && type == TypeA ? Answer(Interlocked.Increment(ref _aQueries)) : null;
        var response = new byte[questionEnd + (address is null ? 0 : 16)];
        query[..questionEnd].CopyTo(response);
        // QR, AA, the query's RD, RA; RCODE 3 (NXDOMAIN) for names that are not ours.
        var flags = (ushort)(0x8400 | (query[2] & 0x01) << 8 | 0x0080 | (ours ? 0 : 3));
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(2), flags);
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(6), (ushort)(address is null ? 0 : 1));
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(8), 0);
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(10), 0);
        if (address is not null)
        {
            // The answer (§4.1.3): a pointer to the question's name (§4.1.4), A, IN, TTL 0, 4 bytes of address.
            var answer = response.AsSpan(questionEnd);
            BinaryPrimitives.WriteUInt16BigEndian(answer, 0xC00C);
            BinaryPrimitives.WriteUInt16BigEndian(answer[2..], TypeA);
            BinaryPrimitives.WriteUInt16BigEndian(answer[4..], ClassIn);
            BinaryPrimitives.WriteUInt32BigEndian(answer[6..], 0);
            BinaryPrimitives.WriteUInt16BigEndian(answer[10..], 4);
            address.GetAddressBytes().CopyTo(answer[12..]);
        }

        return response;
    }
}
