namespace Grid.Bgp.Messages;

/// <summary>The Send/Receive field of an ADD-PATH capability entry (RFC 7911 §4).</summary>
[Flags]
public enum AddPathDirection : byte
{
    None = 0,
    /// <summary>The sender can receive multiple paths for the family.</summary>
    Receive = 1,
    /// <summary>The sender can send multiple paths for the family.</summary>
    Send = 2,
    Both = Receive | Send,
}
