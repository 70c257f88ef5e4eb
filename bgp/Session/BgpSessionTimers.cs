using Grid.Bgp.Messages;

namespace Grid.Bgp.Session;

/// <summary>
/// The hold and keepalive timers of an Established session (RFC 4271 §4.4, §10): a KEEPALIVE goes
/// out when nothing was sent for a third of the hold time, and a neighbor silent for the whole hold
/// time is sent Hold Timer Expired and the connection closed. Octets waiting while Grid itself is
/// busy (its sink pushing back) are not silence, so the hold timer waits for them.
/// </summary>
internal sealed class BgpSessionTimers(BgpConnection connection, BgpSession session, Func<bool> consumerBusy)
{
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Set when the hold timer fired; the read loop throws it.</summary>
    public BgpMessageError? Expired { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (session.HoldTime == 0)
        {
            // RFC 4271 §4.2: a hold time of zero means neither timer runs.
            return;
        }
        var hold = TimeSpan.FromSeconds(session.HoldTime);
        var keepalive = session.KeepaliveInterval;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Clamp(keepalive.TotalMilliseconds / 4, 50, 1000)));
        try
        {
            while (await tick.WaitForNextTickAsync(linked.Token))
            {
                var now = DateTimeOffset.UtcNow;
                if (now - connection.LastReceived > hold && !consumerBusy())
                {
                    Expired = new BgpMessageError(BgpNotification.HoldTimerExpired(), $"nothing heard for {session.HoldTime} s (RFC 4271 §6.5)");
                    // Closing wakes the read loop, which then reports the expiry.
                    await connection.CloseWithAsync(Expired.Notification);
                    await connection.DisposeAsync();
                    return;
                }
                if (now - connection.LastSent >= keepalive)
                {
                    await connection.SendAsync(BgpMessageFraming.EncodeKeepalive(), linked.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // The session is ending; the read loop reports why.
        }
    }

    public void Stop() => _stop.Cancel();
}
