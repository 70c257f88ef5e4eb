using System.Runtime.CompilerServices;
using Grid.Bgp.Messages;

namespace Grid.Bgp.Model;

/// <summary>
/// A decoded UPDATE message (RFC 4271 §4.3), filled by <see cref="BgpUpdateDecoder"/>: withdrawn
/// routes, path attributes (with MP_REACH/MP_UNREACH for other families, RFC 4760) and the IPv4
/// NLRI. Reusable: decoding copies the message in, and values stay valid until the next decode.
/// </summary>
public sealed class BgpUpdate
{
    private byte[] _data = new byte[256];
    private List<string>? _problems;

    public BgpDecodeContext Context { get; private set; }

    public PathAttributes Attributes { get; } = new();

    /// <summary>IPv4 unicast routes withdrawn by the Withdrawn Routes field.</summary>
    public NlriReader Withdrawn => new(_data.AsSpan(WithdrawnRange.Offset, WithdrawnRange.Length), isIPv4: true, HasIPv4PathIds);

    /// <summary>IPv4 unicast routes announced by the trailing NLRI field.</summary>
    public NlriReader Announced => new(_data.AsSpan(NlriRange.Offset, NlriRange.Length), isIPv4: true, HasIPv4PathIds);

    /// <summary>Problems with the message's framing, then the attributes' problems.</summary>
    public IEnumerable<string> Problems => ((IEnumerable<string>?)_problems ?? []).Concat(Attributes.Problems);

    /// <summary>True when the message or its attributes needed any tolerance.</summary>
    public bool HasProblems => _problems is { Count: > 0 } || Attributes.Problems.Count > 0;

    /// <summary>
    /// Whether this UPDATE is an End-of-RIB marker (RFC 4724 §2) and for which family: for IPv4
    /// unicast, an UPDATE with no withdrawn routes, attributes or NLRI; for any other family, one
    /// whose only attribute is an MP_UNREACH_NLRI with no withdrawn routes.
    /// </summary>
    public bool IsEndOfRib(out Afi afi, out Safi safi)
    {
        afi = Afi.IPv4;
        safi = Safi.Unicast;
        if (WithdrawnRange.Length != 0 || NlriRange.Length != 0 || HasProblems)
        {
            return false;
        }
        var encoded = Attributes.Encoded.Length;
        if (encoded == 0)
        {
            return true;
        }
        // Flags, type, length (1 octet, or 2 with Extended Length) and AFI/SAFI: nothing else fits in 6 or 7 octets.
        const ulong mpUnreachOnly = 1UL << (int)PathAttributeType.MpUnreachNlri;
        if (Attributes.Present != mpUnreachOnly || encoded > 7 || Attributes.MpUnreachNlriRange.Length != 0)
        {
            return false;
        }
        afi = (Afi)Attributes.MpUnreachAfi;
        safi = (Safi)Attributes.MpUnreachSafi;
        return true;
    }

    internal OctetRange WithdrawnRange { get; set; }

    internal OctetRange NlriRange { get; set; }

    private bool HasIPv4PathIds => Context.HasPathIds(Afi.IPv4, Safi.Unicast);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal ReadOnlySpan<byte> Reset(ReadOnlySpan<byte> body, in BgpDecodeContext context)
    {
        if (_data.Length < body.Length)
        {
            _data = new byte[Math.Max(body.Length, _data.Length * 2)];
        }
        body.CopyTo(_data);
        Context = context;
        WithdrawnRange = NlriRange = default;
        _problems?.Clear();
        return _data.AsSpan(0, body.Length);
    }

    internal void AddProblem(string problem) => (_problems ??= []).Add(problem);
}
