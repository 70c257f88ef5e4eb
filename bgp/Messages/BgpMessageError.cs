namespace Grid.Bgp.Messages;

/// <summary>
/// A received message broke the protocol; <see cref="Notification"/> is the NOTIFICATION RFC 4271 §6
/// says to send before closing the session.
/// </summary>
public sealed class BgpMessageError : Exception
{
    public BgpMessageError(BgpNotification notification, string message)
        : base($"{message} (send NOTIFICATION {notification.Description})")
    {
        Notification = notification;
    }

    public BgpNotification Notification { get; }
}
