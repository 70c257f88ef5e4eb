namespace Grid.Bgp.Messages;

/// <summary>Subcodes of Message Header Error (RFC 4271 §4.5, §6.1).</summary>
public enum MessageHeaderErrorSubcode : byte
{
    /// <summary>The marker is not all ones.</summary>
    ConnectionNotSynchronized = 1,
    /// <summary>Data: the erroneous Length field.</summary>
    BadMessageLength = 2,
    /// <summary>Data: the erroneous Type field.</summary>
    BadMessageType = 3,
}
