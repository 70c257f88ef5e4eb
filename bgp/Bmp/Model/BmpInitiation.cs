namespace Grid.Bgp.Bmp.Model;

/// <summary>The first message a router sends on a BMP connection (RFC 7854 §4.3): who it is.</summary>
/// <param name="SysName">The sysName TLV (type 2); null when absent.</param>
/// <param name="SysDescr">The sysDescr TLV (type 1); null when absent.</param>
/// <param name="Information">Every TLV, including free-form strings and types not known here.</param>
public sealed record BmpInitiation(string? SysName, string? SysDescr, IReadOnlyList<BmpInformation> Information) : BmpMessage
{
    public override BmpMessageType Type => BmpMessageType.Initiation;
}
