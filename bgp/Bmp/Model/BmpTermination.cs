namespace Grid.Bgp.Bmp.Model;

/// <summary>The router closes the BMP connection (RFC 7854 §4.5); nothing follows it.</summary>
/// <param name="Reason">The reason TLV; null when absent.</param>
/// <param name="Text">Free-form string TLVs, joined; empty when none.</param>
/// <param name="Information">Every TLV as sent.</param>
public sealed record BmpTermination(BmpTerminationReason? Reason, string Text, IReadOnlyList<BmpInformation> Information) : BmpMessage
{
    public override BmpMessageType Type => BmpMessageType.Termination;
}
