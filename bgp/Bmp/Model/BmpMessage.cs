namespace Grid.Bgp.Bmp.Model;

/// <summary>
/// One message of a BMP stream (RFC 7854 §4), as <see cref="BmpReader"/> yields it. Switch on the
/// concrete type: <see cref="BmpRouteMonitoring"/>, <see cref="BmpPeerUp"/>, <see cref="BmpPeerDown"/>,
/// <see cref="BmpStatisticsReport"/>, <see cref="BmpInitiation"/>, <see cref="BmpTermination"/>,
/// or <see cref="BmpMalformed"/> for a message that could not be decoded and was skipped.
/// </summary>
public abstract record BmpMessage
{
    /// <summary>The common header's type (for <see cref="BmpMalformed"/>, the broken message's).</summary>
    public abstract BmpMessageType Type { get; }

    /// <summary>Where the message starts in the stream, in octets.</summary>
    public long Offset { get; internal set; }
}
