namespace Grid.Bgp.Model;

/// <summary>
/// A prefix exactly as an NLRI field encodes it (RFC 4271 §4.3): a length in bits, the significant
/// octets, and, with ADD-PATH, a path identifier (RFC 7911 §3). Unlike <see cref="Prefix"/> it keeps
/// stray host bits and out-of-range lengths, because tools that print routes (bgpdump) print
/// them as received; <see cref="ToPrefix"/> gives the normalised key.
/// </summary>
/// <param name="RawBits">The significant octets as sent, left-aligned in 128 bits, host bits not cleared.</param>
/// <param name="Length">The length in bits as sent (may exceed 32 or 128 on broken input).</param>
/// <param name="IsIPv4">The address family the NLRI field belongs to.</param>
/// <param name="PathId">The ADD-PATH path identifier, or 0 without ADD-PATH.</param>
public readonly record struct NlriPrefix(UInt128 RawBits, byte Length, bool IsIPv4, uint PathId)
{
    /// <summary>False when the length exceeds the family's address size: such a prefix names no route.</summary>
    public bool IsValid => Length <= (IsIPv4 ? 32 : 128);

    /// <summary>The first four octets as a number (IPv4 only).</summary>
    public uint IPv4RawValue => (uint)(RawBits >> 96);

    /// <summary>The normalised prefix (host bits cleared); only for <see cref="IsValid"/> prefixes.</summary>
    public Prefix ToPrefix() => IsIPv4 ? Prefix.IPv4(IPv4RawValue, Length) : Prefix.IPv6(RawBits, Length);
}
