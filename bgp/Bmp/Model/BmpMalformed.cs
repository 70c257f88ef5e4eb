namespace Grid.Bgp.Bmp.Model;

/// <summary>
/// A message whose common header was sound but whose content was not: it was skipped by its
/// length (RFC 7854 §4.1 gives every message one), and the stream goes on.
/// </summary>
/// <param name="MessageType">The broken message's type.</param>
/// <param name="Reason">What was wrong, with the RFC section.</param>
public sealed record BmpMalformed(BmpMessageType MessageType, string Reason) : BmpMessage
{
    public override BmpMessageType Type => MessageType;

    public override string ToString() => $"offset {Offset}: {MessageType}: {Reason}";
}
