namespace Grid.Bgp.Bmp;

/// <summary>
/// The BMP stream lost its framing (RFC 7854 §4.1): a version other than 3, or a length no
/// message can have. Nothing after it can be found, so the reader stops; the router must reconnect.
/// </summary>
public sealed class BmpFramingException : IOException
{
    public BmpFramingException(long offset, string reason)
        : base($"BMP stream broken at offset {offset}: {reason}; the connection cannot be read further, close it and let the router reconnect")
    {
        Offset = offset;
        Reason = reason;
    }

    public BmpFramingException()
        : this(0, "unknown")
    {
    }

    public BmpFramingException(string message)
        : base(message)
    {
        Reason = message;
    }

    public BmpFramingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>Where the broken common header starts, in octets from the start of the stream.</summary>
    public long Offset { get; }

    public string Reason { get; }
}
