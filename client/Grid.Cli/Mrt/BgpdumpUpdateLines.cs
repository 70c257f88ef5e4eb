using System.Runtime.CompilerServices;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using Grid.Bgp.Mrt.Model;
using static Grid.Cli.Mrt.BgpdumpRouteText;

namespace Grid.Cli.Mrt;

/// <summary>
/// The lines of an UPDATE message in a BGP4MP record (<see cref="BgpdumpLineWriter"/>): "W" lines,
/// then "A" lines. Every line of one prefix list shares its start ("BGP4MP|time|A|peer|asn|") and,
/// for announcements, its attributes: both are rendered once per list and copied per prefix.
/// </summary>
internal sealed class BgpdumpUpdateLines(Utf8Output output)
{
    /// <summary>Debian's bgpdump stops reading a prefix list after 8192 prefixes (MAX_PREFIXES).</summary>
    private const int MaxPrefixesPerList = 8192;

    private const int MaxLineLength = BgpdumpLineWriter.MaxLineLength;

    private readonly Utf8Output _head = new(Stream.Null, 1024);
    private readonly Utf8Output _tail = new(Stream.Null, MaxLineLength);
    private readonly BgpdumpAs4Merge _as4Merge = new();

    /// <summary>Writes the message's lines; <paramref name="time"/> is the record's time as bgpdump prints it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(MrtEntry entry, ReadOnlySpan<byte> time)
    {
        var message = entry.Message;
        var update = message.Update;
        var attributes = update.Attributes;
        var subtype = (Bgp4mpSubtype)entry.Header.Subtype;
        var received = subtype is not (Bgp4mpSubtype.MessageLocal or Bgp4mpSubtype.MessageAs4Local);
        // bgpdump reads the _LOCAL_ADDPATH subtypes' two ends the other way round, and prints the second.
        var second = subtype is Bgp4mpSubtype.MessageLocalAddPath or Bgp4mpSubtype.MessageAs4LocalAddPath;
        var address = second ? message.LocalAddress : message.PeerAddress;
        var asn = second ? message.LocalAsn : message.PeerAsn;
        var ipv6Session = message.Afi == Afi.IPv6;

        var unreach = attributes.Has(PathAttributeType.MpUnreachNlri) ? attributes.MpUnreach : default;
        if (!update.Withdrawn.IsEmpty || attributes.Has(PathAttributeType.MpUnreachNlri))
        {
            WriteHead(entry, time, "|W|"u8, address, ipv6Session, asn);
            WriteWithdrawals(update.Withdrawn, ipv6: false);
            if (unreach.IsIPFamily && unreach.Afi == Afi.IPv4)
            {
                WriteWithdrawals(unreach.Nlri, ipv6: false);
            }
            else if (unreach.IsIPFamily)
            {
                // bgpdump writes the peer of an IPv4 session's locally sent IPv6 withdrawals as an IPv6 address.
                WriteHead(entry, time, "|W|"u8, address, ipv6Session || !received, asn);
                WriteWithdrawals(unreach.Nlri, ipv6: true);
            }
        }

        var reach = attributes.Has(PathAttributeType.MpReachNlri) ? attributes.MpReach : default;
        if (!update.Announced.IsEmpty || attributes.Has(PathAttributeType.MpReachNlri))
        {
            WriteHead(entry, time, "|A|"u8, address, ipv6Session, asn);
            if (!update.Announced.IsEmpty)
            {
                RenderTail(attributes, TailKind.Classic, default);
                WriteAnnouncements(update.Announced, ipv6: false);
            }
            if (reach.IsIPFamily)
            {
                RenderTail(attributes, reach.Afi == Afi.IPv4 ? TailKind.MultiprotocolIPv4 : TailKind.MultiprotocolIPv6, reach.NextHop);
                WriteAnnouncements(reach.Nlri, reach.Afi == Afi.IPv6);
            }
        }
    }

    private enum TailKind
    {
        /// <summary>IPv4 NLRI with NEXT_HOP (bgpdump's table_line_announce).</summary>
        Classic,

        /// <summary>MP_REACH for IPv4 (table_line_announce_1: preference and MED printed signed).</summary>
        MultiprotocolIPv4,

        /// <summary>MP_REACH for IPv6 (table_line_announce6).</summary>
        MultiprotocolIPv6,
    }

    /// <summary>"FORMAT|time|X|peer|asn|" as bgpdump names the format: BGP4MP[_ET][_LOCAL][_AP].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteHead(MrtEntry entry, ReadOnlySpan<byte> time, ReadOnlySpan<byte> action, IPAddressValue address, bool ipv6, uint asn)
    {
        var subtype = (Bgp4mpSubtype)entry.Header.Subtype;
        _head.Rewind(0);
        _head.Write(entry.Header.Type == (ushort)MrtType.Bgp4mpEt ? "BGP4MP_ET"u8 : "BGP4MP"u8);
        if (subtype is Bgp4mpSubtype.MessageLocal or Bgp4mpSubtype.MessageAs4Local)
        {
            _head.Write("_LOCAL"u8);
        }
        if (entry.Message.HasPathIds)
        {
            _head.Write("_AP"u8);
        }
        _head.Write((byte)'|');
        _head.Write(time);
        _head.Write(action);
        WriteAddress(_head, address, ipv6);
        _head.Write((byte)'|');
        _head.Write(asn);
        _head.Write((byte)'|');
    }

    /// <summary>Everything after "prefix|[path id|]" of an announcement line.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RenderTail(PathAttributes attributes, TailKind kind, ReadOnlySpan<byte> nextHop)
    {
        _tail.Rewind(0);
        var knownNextHop = kind == TailKind.Classic || nextHop.Length is 4 or 16 or 32;
        if (kind != TailKind.MultiprotocolIPv6 || knownNextHop)
        {
            WritePathAndOrigin(_tail, attributes, _as4Merge);
        }
        if (kind == TailKind.Classic)
        {
            BgpdumpText.IPv4(_tail, NextHopOrNone(attributes));
        }
        else if (nextHop.Length == 4)
        {
            BgpdumpText.IPv4(_tail, NextHopUnionIPv4(nextHop));
        }
        else if (knownNextHop)
        {
            BgpdumpText.IPv6(_tail, BgpdumpText.NextHopUnion(nextHop));
        }
        if (knownNextHop)
        {
            WritePreferenceAndRest(_tail, attributes, signed: kind == TailKind.MultiprotocolIPv4);
        }
        else
        {
            WriteRest(_tail, attributes);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteWithdrawals(NlriReader nlri, bool ipv6)
    {
        var head = _head.WrittenSince(0);
        for (var count = 0; count < MaxPrefixesPerList && nlri.TryRead(out var prefix); count++)
        {
            output.Reserve(MaxLineLength);
            output.Write(head);
            WritePrefix(output, prefix, ipv6);
            if (nlri.HasPathIds)
            {
                output.Write((byte)'|');
                output.Write(prefix.PathId);
            }
            output.Write((byte)'\n');
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteAnnouncements(NlriReader nlri, bool ipv6)
    {
        var head = _head.WrittenSince(0);
        var tail = _tail.WrittenSince(0);
        for (var count = 0; count < MaxPrefixesPerList && nlri.TryRead(out var prefix); count++)
        {
            output.Reserve(MaxLineLength);
            output.Write(head);
            WritePrefix(output, prefix, ipv6);
            output.Write((byte)'|');
            if (nlri.HasPathIds)
            {
                output.Write(prefix.PathId);
                output.Write((byte)'|');
            }
            output.Write(tail);
        }
    }
}
