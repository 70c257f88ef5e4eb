using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>
/// AS4_PATH (type 17, RFC 6793 §3): the path with 4-octet ASNs that a 2-octet session carries
/// alongside an AS_PATH in which every wide ASN reads AS_TRANS. <see cref="Reconstruct"/> joins
/// the two and applies AS4_AGGREGATOR (RFC 6793 §4.2.3).
/// </summary>
internal static class Attr17As4Path
{
    /// <summary>The 2-octet placeholder for a 4-octet ASN (RFC 6793 §9).</summary>
    public const uint AsTrans = 23456;

    public static void Decode(ReadOnlySpan<byte> value, OctetRange range, PathAttributes into)
    {
        into.As4PathRange = range;
        if (!new AsPath(value, 4).IsWellFormed)
        {
            into.AddProblem("AS4_PATH has a segment of unknown type or one that overruns the attribute; it is ignored (RFC 6793 §6)");
        }
    }

    /// <summary>
    /// RFC 6793 §4.2.3, run once all attributes are read. On AS4 sessions AS4_PATH and
    /// AS4_AGGREGATOR are ignored. Otherwise an AGGREGATOR other than AS_TRANS means both are
    /// ignored; an AS_PATH shorter than AS4_PATH means AS4_PATH is ignored; else the path is the
    /// leading ASes of AS_PATH that AS4_PATH lacks, followed by AS4_PATH.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Reconstruct(PathAttributes into)
    {
        var hasAs4Path = into.Has(PathAttributeType.As4Path);
        var hasAs4Aggregator = into.Has(PathAttributeType.As4Aggregator);
        if (into.Context.FourOctetAsn || !(hasAs4Path || hasAs4Aggregator))
        {
            return;
        }

        if (into.Has(PathAttributeType.Aggregator) && hasAs4Aggregator)
        {
            if (into.AggregatorAsn != AsTrans)
            {
                return;
            }
            into.AggregatorAsn = into.As4AggregatorAsn;
            into.AggregatorAddressValue = into.As4AggregatorAddressValue;
        }

        var asPath = into.ReceivedAsPath;
        var as4Path = into.As4Path;
        if (!hasAs4Path || !into.Has(PathAttributeType.AsPath) || !asPath.IsWellFormed || !as4Path.IsWellFormed)
        {
            return;
        }
        var missing = asPath.CountForAs4Merge() - as4Path.CountForAs4Merge();
        if (missing < 0)
        {
            return;
        }

        var merged = into.MergedAsPathBuffer(asPath.Encoded.Length * 2 + as4Path.Encoded.Length);
        var written = 0;
        foreach (var segment in asPath)
        {
            if (missing == 0)
            {
                break;
            }
            var take = segment.Count;
            if (segment.Type == AsPathSegmentType.AsSequence)
            {
                take = Math.Min(take, missing);
                missing -= take;
            }
            else if (segment.Type == AsPathSegmentType.AsSet)
            {
                missing--;
            }
            merged[written++] = (byte)segment.Type;
            merged[written++] = (byte)take;
            for (var i = 0; i < take; i++, written += 4)
            {
                BinaryPrimitives.WriteUInt32BigEndian(merged[written..], segment[i]);
            }
        }
        as4Path.Encoded.CopyTo(merged[written..]);
        into.MergedAsPathLength = written + as4Path.Encoded.Length;
    }
}
