using System.Buffers.Binary;
using System.Net.Sockets;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;

namespace Grid.Bgp.Session;

/// <summary>
/// One TCP connection carrying BGP messages (RFC 4271 §4.1). Reads fill one buffer large enough
/// for the largest message (RFC 8654); <see cref="TryReadBuffered"/> then cuts whole messages out
/// of it without a system call, so a burst of UPDATEs costs one read per buffer, not per message.
/// Writes are serialised, since KEEPALIVEs and NOTIFICATIONs may race.
/// </summary>
internal sealed class BgpConnection : IAsyncDisposable
{
    private const int BufferSize = 256 * 1024;

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private int _start;
    private int _end;

    public BgpConnection(Socket socket, bool outgoing)
    {
        _socket = socket;
        _socket.NoDelay = true;
        Outgoing = outgoing;
    }

    /// <summary>Grid opened it (as opposed to accepting it): decides connection collisions (RFC 4271 §6.8).</summary>
    public bool Outgoing { get; }

    /// <summary>The largest message accepted; raised once Extended Messages is negotiated (RFC 8654 §4).</summary>
    public bool ExtendedMessages { get; set; }

    public DateTimeOffset LastReceived { get; private set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset LastSent { get; private set; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// Cuts the next whole message out of what was already read; false when more must be read first.
    /// The body stays valid until the next read. Header errors throw <see cref="BgpMessageError"/>.
    /// </summary>
    public bool TryReadBuffered(out BgpMessageType type, out ReadOnlyMemory<byte> body)
    {
        type = default;
        body = default;
        var available = _end - _start;
        if (available < BgpMessageHeader.Size)
        {
            return false;
        }
        var length = BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(_start + 16));
        // Check the header as soon as it is here: a bad length must not make us wait for octets that never come.
        var span = _buffer.AsSpan(_start, available);
        if (available < length)
        {
            BgpMessageFraming.CheckHeader(span, ExtendedMessages);
            return false;
        }
        var bodySpan = BgpMessageFraming.Decode(span, out var header, ExtendedMessages);
        type = header.Type;
        body = _buffer.AsMemory(_start + BgpMessageHeader.Size, bodySpan.Length);
        _start += header.Length;
        return true;
    }

    /// <summary>Reads more octets from the socket; false when the peer closed the connection.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_start > 0 && _buffer.Length - _end < BgpMessageHeader.MaxExtendedLength)
        {
            // Keep room for a whole message of the largest size behind the partial one.
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        if (read == 0)
        {
            return false;
        }
        _end += read;
        LastReceived = DateTimeOffset.UtcNow;
        return true;
    }

    /// <summary>Whether octets are already waiting in the kernel: the session flushes routes only when it has caught up.</summary>
    public bool HasPendingInput => _end - _start >= BgpMessageHeader.Size || _socket.Available > 0;

    public async ValueTask SendAsync(byte[] message, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(message, SocketFlags.None, cancellationToken);
            LastSent = DateTimeOffset.UtcNow;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Sends a NOTIFICATION and closes, as RFC 4271 §6 asks for every error; failures to send are ignored, the connection is closing anyway.</summary>
    public async ValueTask CloseWithAsync(BgpNotification notification)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await SendAsync(notification.Encode(ExtendedMessages ? BgpMessageFraming.MaxExtendedLength : BgpMessageFraming.MaxLength), timeout.Token);
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
        }
    }

    /// <summary>Closes a connection that will not become a session, telling the other side why with a Cease (RFC 4486 §4).</summary>
    public static async Task RefuseAsync(Socket socket, CeaseSubcode why)
    {
        await using var connection = new BgpConnection(socket, outgoing: false);
        await connection.CloseWithAsync(BgpNotification.Cease(why));
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        _writeGate.Dispose();
        return ValueTask.CompletedTask;
    }
}
