using System.Text;

namespace Grid.Bgp.Bmp.Model;

/// <summary>
/// An Information TLV of Initiation, Peer Up and Termination messages (RFC 7854 §4.4): a type
/// and a value. Types not known here are kept as they came.
/// </summary>
public sealed record BmpInformation(ushort InformationType, byte[] Value)
{
    /// <summary>Type 0 in every message: free-form UTF-8 (RFC 7854 §4.4, §4.5).</summary>
    public const ushort String = 0;

    /// <summary>Initiation: the router's sysDescr (RFC 7854 §4.4).</summary>
    public const ushort SysDescr = 1;

    /// <summary>Initiation: the router's sysName (RFC 7854 §4.4).</summary>
    public const ushort SysName = 2;

    /// <summary>Termination: a 2-octet reason code (RFC 7854 §4.5).</summary>
    public const ushort TerminationReason = 1;

    /// <summary>The value as UTF-8, which every textual TLV is.</summary>
    public string Text => Encoding.UTF8.GetString(Value);
}
