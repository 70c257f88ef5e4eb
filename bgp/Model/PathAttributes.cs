using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using Grid.Bgp.Messages;

namespace Grid.Bgp.Model;

/// <summary>
/// The path attributes of one route or UPDATE, decoded by <see cref="Attributes.PathAttributeDecoder"/>.
/// A reusable buffer: decoding copies the attribute octets in and records where each attribute
/// lies, so reading millions of routes allocates nothing. Values stay valid until the next decode.
/// </summary>
public sealed partial class PathAttributes
{
    private byte[] _data = new byte[256];
    private byte[] _mergedAsPath = new byte[64];
    private List<string>? _problems;
    private readonly List<UnknownEntry> _unknown = [];

    /// <summary>The session context the attributes were decoded with.</summary>
    public BgpDecodeContext Context { get; private set; }

    /// <summary>The attribute octets as received (the copy the spans below point into).</summary>
    public ReadOnlySpan<byte> Encoded => _data.AsSpan(0, EncodedLength);

    internal int EncodedLength { get; private set; }

    /// <summary>Type codes seen (bit n for type n &lt; 64), whatever their flags; duplicates after the first are ignored.</summary>
    internal ulong Present { get; set; }

    public bool Has(PathAttributeType type) => Has((byte)type);

    public bool Has(byte typeCode) => typeCode < 64 && (Present & (1UL << typeCode)) != 0;

    /// <summary>What was wrong but tolerated (RFC 7606 style "attribute discard"), in order; empty when nothing was.</summary>
    public IReadOnlyList<string> Problems => (IReadOnlyList<string>?)_problems ?? [];

    public Origin Origin { get; internal set; }

    /// <summary>The AS path to use: AS_PATH, or AS_PATH merged with AS4_PATH for 2-octet sessions (RFC 6793 §4.2.3).</summary>
    public AsPath AsPath => MergedAsPathLength >= 0
        ? new AsPath(_mergedAsPath.AsSpan(0, MergedAsPathLength), 4)
        : new AsPath(Slice(AsPathRange), Context.AsnSize);

    /// <summary>AS_PATH exactly as received (ASN width from <see cref="Context"/>).</summary>
    public AsPath ReceivedAsPath => new(Slice(AsPathRange), Context.AsnSize);

    /// <summary>AS4_PATH as received (always 4-octet ASNs).</summary>
    public AsPath As4Path => new(Slice(As4PathRange), 4);

    /// <summary>True when <see cref="AsPath"/> was rebuilt from AS_PATH and AS4_PATH.</summary>
    public bool AsPathIsMerged => MergedAsPathLength >= 0;

    public IPAddressValue NextHop => IPAddressValue.IPv4(NextHopValue);

    internal uint NextHopValue { get; set; }

    public uint MultiExitDisc { get; internal set; }

    public uint LocalPref { get; internal set; }

    public bool AtomicAggregate => Has(PathAttributeType.AtomicAggregate);

    /// <summary>The aggregating AS: AGGREGATOR's, or AS4_AGGREGATOR's when AGGREGATOR holds AS_TRANS (RFC 6793 §4.2.3).</summary>
    public uint AggregatorAsn { get; internal set; }

    public IPAddressValue AggregatorAddress => IPAddressValue.IPv4(AggregatorAddressValue);

    /// <summary>AGGREGATOR's AS as received: AS_TRANS when a 2-octet session aggregated at a 4-octet AS.</summary>
    public uint ReceivedAggregatorAsn { get; internal set; }

    internal uint AggregatorAddressValue { get; set; }

    internal uint As4AggregatorAsn { get; set; }

    internal uint As4AggregatorAddressValue { get; set; }

    public IPAddressValue OriginatorId => IPAddressValue.IPv4(OriginatorIdValue);

    internal uint OriginatorIdValue { get; set; }

    /// <summary>COMMUNITIES (RFC 1997): 4 octets each.</summary>
    public ReadOnlySpan<byte> Communities => Slice(CommunitiesRange);

    public int CommunityCount => CommunitiesRange.Length / 4;

    public uint Community(int index) => BinaryPrimitives.ReadUInt32BigEndian(Communities[(index * 4)..]);

    /// <summary>EXTENDED COMMUNITIES (RFC 4360): 8 octets each.</summary>
    public ReadOnlySpan<byte> ExtendedCommunities => Slice(ExtendedCommunitiesRange);

    /// <summary>LARGE_COMMUNITY (RFC 8092): 12 octets each.</summary>
    public ReadOnlySpan<byte> LargeCommunities => Slice(LargeCommunitiesRange);

    public int LargeCommunityCount => LargeCommunitiesRange.Length / 12;

    public (uint GlobalAdministrator, uint LocalData1, uint LocalData2) LargeCommunity(int index)
    {
        var value = LargeCommunities.Slice(index * 12, 12);
        return (BinaryPrimitives.ReadUInt32BigEndian(value), BinaryPrimitives.ReadUInt32BigEndian(value[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(value[8..]));
    }

    /// <summary>CLUSTER_LIST (RFC 4456 §8): 4-octet cluster IDs.</summary>
    public ReadOnlySpan<byte> ClusterList => Slice(ClusterListRange);

    internal OctetRange AsPathRange { get; set; }

    internal OctetRange As4PathRange { get; set; }

    internal OctetRange CommunitiesRange { get; set; }

    internal OctetRange ExtendedCommunitiesRange { get; set; }

    internal OctetRange LargeCommunitiesRange { get; set; }

    internal OctetRange ClusterListRange { get; set; }

    internal int MergedAsPathLength { get; set; } = -1;

    /// <summary>Starts a decode: copies <paramref name="encoded"/> in and forgets the previous attributes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal Span<byte> Reset(ReadOnlySpan<byte> encoded, in BgpDecodeContext context)
    {
        if (_data.Length < encoded.Length)
        {
            _data = new byte[Math.Max(encoded.Length, _data.Length * 2)];
        }
        encoded.CopyTo(_data);
        EncodedLength = encoded.Length;
        Context = context;
        Present = 0;
        Origin = Origin.Igp;
        NextHopValue = MultiExitDisc = LocalPref = AggregatorAsn = ReceivedAggregatorAsn = AggregatorAddressValue = 0;
        As4AggregatorAsn = As4AggregatorAddressValue = OriginatorIdValue = 0;
        AsPathRange = As4PathRange = CommunitiesRange = ExtendedCommunitiesRange = default;
        LargeCommunitiesRange = ClusterListRange = default;
        MergedAsPathLength = -1;
        ResetMultiprotocol();
        _unknown.Clear();
        _problems?.Clear();
        return _data.AsSpan(0, encoded.Length);
    }

    internal void AddProblem(string problem) => (_problems ??= []).Add(problem);

    internal void AddUnknown(byte flags, byte type, OctetRange value) => _unknown.Add(new UnknownEntry(flags, type, value));

    /// <summary>A buffer of at least <paramref name="size"/> octets for the merged AS path.</summary>
    internal Span<byte> MergedAsPathBuffer(int size)
    {
        if (_mergedAsPath.Length < size)
        {
            _mergedAsPath = new byte[Math.Max(size, _mergedAsPath.Length * 2)];
        }
        return _mergedAsPath;
    }

    /// <summary>Attributes of types this decoder does not interpret, kept as received.</summary>
    public int UnknownCount => _unknown.Count;

    public UnknownPathAttribute Unknown(int index)
    {
        var entry = _unknown[index];
        return new UnknownPathAttribute((PathAttributeFlags)entry.Flags, entry.Type, Slice(entry.Value));
    }

    internal ReadOnlySpan<byte> Slice(OctetRange range) => _data.AsSpan(range.Offset, range.Length);

    private readonly record struct UnknownEntry(byte Flags, byte Type, OctetRange Value);
}

/// <summary>Where a value lies inside a decoder's buffer.</summary>
internal readonly record struct OctetRange(int Offset, int Length);

/// <summary>An attribute kept as received: its flags, type code and value.</summary>
public readonly ref struct UnknownPathAttribute
{
    internal UnknownPathAttribute(PathAttributeFlags flags, byte type, ReadOnlySpan<byte> value)
    {
        Flags = flags;
        Type = type;
        Value = value;
    }

    public PathAttributeFlags Flags { get; }

    public byte Type { get; }

    public ReadOnlySpan<byte> Value { get; }
}
