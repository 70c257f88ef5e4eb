using Grid.Bgp.Messages;
using Grid.Bgp.Model;

namespace Grid.Bgp.Session.ErrorHandling;

/// <summary>One attribute's checks: its flags (RFC 7606 §3 c) and its value (RFC 7606 §7.1–7.14).</summary>
internal static class AttributeRules
{
    private const PathAttributeFlags WellKnown = PathAttributeFlags.Transitive;
    private const PathAttributeFlags OptionalNonTransitive = PathAttributeFlags.Optional;
    private const PathAttributeFlags OptionalTransitive = PathAttributeFlags.Optional | PathAttributeFlags.Transitive;

    public static void Check(PathAttributeFlags flags, byte type, ReadOnlySpan<byte> value, in BgpDecodeContext context, bool externalPeer, VerdictBuilder verdict)
    {
        var kind = (PathAttributeType)type;
        if (ExpectedFlags(kind) is not { } expected)
        {
            // RFC 4271 §6.3: an unrecognized attribute is an error only when it claims to be well-known.
            if (!flags.HasFlag(PathAttributeFlags.Optional))
            {
                verdict.Reset(UpdateMessageErrorSubcode.UnrecognizedWellKnownAttribute,
                    $"attribute {type} is marked well-known but is not one (RFC 4271 §6.3)");
            }
            return;
        }
        var category = flags & (PathAttributeFlags.Optional | PathAttributeFlags.Transitive);
        if (category != expected)
        {
            verdict.Withdraw($"{kind} has flags 0x{(byte)flags:X2}, in conflict with its Optional/Transitive bits (RFC 7606 §3 c)");
            return;
        }

        switch (kind)
        {
            case PathAttributeType.Origin when value.Length != 1 || value[0] > 2:
                verdict.Withdraw("ORIGIN is malformed (RFC 7606 §7.1)");
                break;
            case PathAttributeType.AsPath when !AsPathSyntax.IsValid(value, context.AsnSize):
                verdict.Withdraw("AS_PATH is malformed (RFC 7606 §7.2)");
                break;
            case PathAttributeType.NextHop when value.Length != 4:
                verdict.Withdraw($"NEXT_HOP has {value.Length} octets, not 4 (RFC 7606 §7.3)");
                break;
            case PathAttributeType.MultiExitDisc when value.Length != 4:
                verdict.Withdraw($"MULTI_EXIT_DISC has {value.Length} octets, not 4 (RFC 7606 §7.4)");
                break;
            case PathAttributeType.LocalPref when externalPeer:
                verdict.Discard("LOCAL_PREF from an external peer is ignored (RFC 7606 §7.5)");
                break;
            case PathAttributeType.LocalPref when value.Length != 4:
                verdict.Withdraw($"LOCAL_PREF has {value.Length} octets, not 4 (RFC 7606 §7.5)");
                break;
            case PathAttributeType.AtomicAggregate when value.Length != 0:
                verdict.Discard("ATOMIC_AGGREGATE has a value (RFC 7606 §7.6)");
                break;
            case PathAttributeType.Aggregator when value.Length != context.AsnSize + 4:
                verdict.Discard($"AGGREGATOR has {value.Length} octets, not {context.AsnSize + 4} (RFC 7606 §7.7)");
                break;
            case PathAttributeType.Communities when value.Length == 0 || value.Length % 4 != 0:
                verdict.Withdraw($"COMMUNITIES has {value.Length} octets, not a non-zero multiple of 4 (RFC 7606 §7.8)");
                break;
            case PathAttributeType.OriginatorId when value.Length != 4:
                verdict.Withdraw($"ORIGINATOR_ID has {value.Length} octets, not 4 (RFC 7606 §7.9)");
                break;
            case PathAttributeType.ClusterList when value.Length == 0 || value.Length % 4 != 0:
                verdict.Withdraw($"CLUSTER_LIST has {value.Length} octets, not a non-zero multiple of 4 (RFC 7606 §7.10)");
                break;
            case PathAttributeType.MpReachNlri:
                MultiprotocolSyntax.CheckReach(value, context, verdict);
                break;
            case PathAttributeType.MpUnreachNlri:
                MultiprotocolSyntax.CheckUnreach(value, context, verdict);
                break;
            case PathAttributeType.ExtendedCommunities when value.Length == 0 || value.Length % 8 != 0:
                verdict.Withdraw($"EXTENDED_COMMUNITIES has {value.Length} octets, not a non-zero multiple of 8 (RFC 7606 §7.14)");
                break;
            case PathAttributeType.As4Path when !AsPathSyntax.IsValid(value, 4):
                verdict.Discard("AS4_PATH is malformed and ignored (RFC 6793 §6, RFC 7606 §7.2)");
                break;
            case PathAttributeType.As4Aggregator when value.Length != 8:
                verdict.Discard($"AS4_AGGREGATOR has {value.Length} octets, not 8 (RFC 6793 §6)");
                break;
            case PathAttributeType.LargeCommunities when value.Length == 0 || value.Length % 12 != 0:
                verdict.Withdraw($"LARGE_COMMUNITY has {value.Length} octets, not a non-zero multiple of 12 (RFC 8092 §6)");
                break;
        }
    }

    /// <summary>The Optional and Transitive bits each known attribute must carry (RFC 4271 §5, and each attribute's RFC).</summary>
    private static PathAttributeFlags? ExpectedFlags(PathAttributeType type) => type switch
    {
        PathAttributeType.Origin or PathAttributeType.AsPath or PathAttributeType.NextHop
            or PathAttributeType.LocalPref or PathAttributeType.AtomicAggregate => WellKnown,
        PathAttributeType.MultiExitDisc or PathAttributeType.OriginatorId or PathAttributeType.ClusterList
            or PathAttributeType.MpReachNlri or PathAttributeType.MpUnreachNlri => OptionalNonTransitive,
        PathAttributeType.Aggregator or PathAttributeType.Communities or PathAttributeType.ExtendedCommunities
            or PathAttributeType.As4Path or PathAttributeType.As4Aggregator or PathAttributeType.LargeCommunities => OptionalTransitive,
        _ => null,
    };
}
