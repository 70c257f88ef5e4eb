using System.Runtime.CompilerServices;
using System.Buffers.Binary;

namespace Grid.Bgp.Model;

/// <summary>
/// A view over an encoded AS_PATH or AS4_PATH (RFC 4271 §4.3, RFC 6793 §3): segments of a type
/// octet, a count octet and the ASNs, each 2 or 4 octets wide depending on the session. Nothing
/// is copied; enumerate it for segments.
/// </summary>
public readonly ref struct AsPath
{
    public AsPath(ReadOnlySpan<byte> encoded, int asnSize)
    {
        Encoded = encoded;
        AsnSize = asnSize;
    }

    public ReadOnlySpan<byte> Encoded { get; }

    /// <summary>2 (a 2-octet-AS session's AS_PATH) or 4 (AS4 sessions, AS4_PATH, MRT RIBs).</summary>
    public int AsnSize { get; }

    public bool IsEmpty => Encoded.IsEmpty;

    /// <summary>True when every segment has a known type and fits in the attribute (RFC 7606 §7.2).</summary>
    public bool IsWellFormed
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        get
        {
            var rest = Encoded;
            while (!rest.IsEmpty)
            {
                if (rest.Length < 2 || rest[0] is 0 or > 4 || rest.Length < 2 + rest[1] * AsnSize)
                {
                    return false;
                }
                rest = rest[(2 + rest[1] * AsnSize)..];
            }
            return true;
        }
    }

    /// <summary>
    /// The originating AS: the last AS of a path that ends in an AS_SEQUENCE. 0 when the path is
    /// empty (a route of the collector's own AS), ends in an AS_SET (aggregated, no single origin)
    /// or is malformed.
    /// </summary>
    public uint OriginAsn
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        get
        {
            var rest = Encoded;
            var origin = 0u;
            while (!rest.IsEmpty)
            {
                if (rest.Length < 2 || rest[0] is 0 or > 4 || rest.Length < 2 + rest[1] * AsnSize)
                {
                    return 0;
                }
                var count = rest[1];
                origin = 0;
                if (rest[0] == (byte)AsPathSegmentType.AsSequence && count > 0)
                {
                    var last = rest.Slice(2 + (count - 1) * AsnSize, AsnSize);
                    origin = AsnSize == 4 ? BinaryPrimitives.ReadUInt32BigEndian(last) : BinaryPrimitives.ReadUInt16BigEndian(last);
                }
                rest = rest[(2 + count * AsnSize)..];
            }
            return origin;
        }
    }

    /// <summary>
    /// The number of ASes as RFC 6793 §4.2.3 counts them for AS4_PATH reconstruction: an AS_SET
    /// counts as one, confederation segments count as none (the same rule as path length in RFC 4271 §9.1.2.2).
    /// </summary>
    public int CountForAs4Merge()
    {
        var count = 0;
        foreach (var segment in this)
        {
            count += segment.Type switch
            {
                AsPathSegmentType.AsSequence => segment.Count,
                AsPathSegmentType.AsSet => 1,
                _ => 0,
            };
        }
        return count;
    }

    /// <summary>The usual text: sequences space-separated, "{a,b}" for sets, "(a b)" and "[a,b]" for confederation segments.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        foreach (var segment in this)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }
            var (open, separator, close) = segment.Type switch
            {
                AsPathSegmentType.AsSet => ("{", ",", "}"),
                AsPathSegmentType.AsConfedSequence => ("(", " ", ")"),
                AsPathSegmentType.AsConfedSet => ("[", ",", "]"),
                _ => ("", " ", ""),
            };
            text.Append(open);
            for (var i = 0; i < segment.Count; i++)
            {
                text.Append(i > 0 ? separator : "").Append(segment[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            text.Append(close);
        }
        return text.ToString();
    }

    /// <summary>Enumerates well-formed segments; stops at the first malformed one.</summary>
    public Enumerator GetEnumerator() => new(Encoded, AsnSize);

    public ref struct Enumerator
    {
        private readonly int _asnSize;
        private ReadOnlySpan<byte> _rest;

        internal Enumerator(ReadOnlySpan<byte> encoded, int asnSize)
        {
            _rest = encoded;
            _asnSize = asnSize;
            Current = default;
        }

        public AsPathSegment Current { get; private set; }

        public bool MoveNext()
        {
            if (_rest.Length < 2 || _rest[0] is 0 or > 4 || _rest.Length < 2 + _rest[1] * _asnSize)
            {
                return false;
            }
            var size = 2 + _rest[1] * _asnSize;
            Current = new AsPathSegment((AsPathSegmentType)_rest[0], _rest[2..size], _asnSize);
            _rest = _rest[size..];
            return true;
        }
    }
}

/// <summary>One AS_PATH segment: its type and its ASNs (2 or 4 octets each).</summary>
public readonly ref struct AsPathSegment
{
    internal AsPathSegment(AsPathSegmentType type, ReadOnlySpan<byte> asns, int asnSize)
    {
        Type = type;
        Asns = asns;
        AsnSize = asnSize;
    }

    public AsPathSegmentType Type { get; }

    /// <summary>The encoded ASNs.</summary>
    public ReadOnlySpan<byte> Asns { get; }

    public int AsnSize { get; }

    public int Count => Asns.Length / AsnSize;

    public uint this[int index] => AsnSize == 4
        ? BinaryPrimitives.ReadUInt32BigEndian(Asns[(index * 4)..])
        : BinaryPrimitives.ReadUInt16BigEndian(Asns[(index * 2)..]);
}
