using System.Runtime.CompilerServices;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using Grid.Bgp.Mrt.Model;
using static Grid.Cli.Mrt.BgpdumpRouteText;

namespace Grid.Cli.Mrt;

/// <summary>
/// Writes decoded MRT records as `bgpdump -m` lines (bgpdump 1.6.2 as Debian builds it): one line
/// per route, "|"-separated. RIB routes are "B" lines (TABLE_DUMP, TABLE_DUMP2[_AP]); UPDATEs give
/// "W" lines, then "A" lines; state changes "STATE" lines. What bgpdump does not print (OPEN,
/// KEEPALIVE, NOTIFICATION, multicast and generic RIBs) is not printed either.
/// </summary>
internal sealed class BgpdumpLineWriter(Utf8Output output)
{
    /// <summary>Room for one line: an AS path (under 8000 octets), communities (under 8192) and the rest.</summary>
    public const int MaxLineLength = 20 * 1024;

    private readonly Utf8Output _time = new(Stream.Null, 32);
    private readonly BgpdumpAs4Merge _as4Merge = new();
    private readonly BgpdumpUpdateLines _updates = new(output);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(MrtEntry entry)
    {
        _time.Rewind(0);
        _time.Write(entry.Header.Timestamp);
        if (entry.Header.Type == (ushort)MrtType.Bgp4mpEt)
        {
            _time.Write((byte)'.');
            _time.Write(entry.Header.Microseconds, 6);
        }
        switch (entry.Kind)
        {
            case MrtEntryKind.Rib when entry.Rib.IsTableDumpV1:
                WriteTableDump(entry);
                break;
            case MrtEntryKind.Rib when (TableDumpV2Subtype)entry.Header.Subtype is TableDumpV2Subtype.RibIPv4Unicast
                or TableDumpV2Subtype.RibIPv6Unicast or TableDumpV2Subtype.RibIPv4UnicastAddPath or TableDumpV2Subtype.RibIPv6UnicastAddPath:
                WriteTableDumpV2(entry);
                break;
            case MrtEntryKind.Bgp4mpMessage when entry.Message.MessageType == BgpMessageType.Update:
                _updates.Write(entry, Time);
                break;
            case MrtEntryKind.Bgp4mpStateChange:
                WriteStateChange(entry);
                break;
        }
    }

    private ReadOnlySpan<byte> Time => _time.WrittenSince(0);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteTableDump(MrtEntry entry)
    {
        var rib = entry.Rib;
        var ipv6 = entry.Header.Subtype == 2;
        foreach (var route in rib.Routes)
        {
            var attributes = route.Attributes;
            output.Reserve(MaxLineLength);
            output.Write("TABLE_DUMP|"u8);
            output.Write(Time);
            output.Write("|B|"u8);
            WriteAddress(output, route.Peer.Address, ipv6);
            output.Write((byte)'|');
            output.Write(route.Peer.Asn);
            output.Write((byte)'|');
            WriteAddress(output, IPAddressValue.IPv6(rib.Prefix.RawBits), ipv6);
            output.Write((byte)'/');
            output.Write((uint)rib.Prefix.Length);
            output.Write((byte)'|');
            WritePathAndOrigin(output, attributes, _as4Merge);
            var reach = attributes.MpReach;
            if (attributes.Has(PathAttributeType.MpReachNlri) && (reach.IsAbbreviated || (reach.Afi == Afi.IPv6 && reach.Safi == Safi.Unicast)))
            {
                BgpdumpText.IPv6(output, BgpdumpText.NextHopUnion(reach.NextHop));
            }
            else
            {
                BgpdumpText.IPv4(output, NextHopOrNone(attributes));
            }
            WritePreferenceAndRest(output, attributes, signed: false);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteTableDumpV2(MrtEntry entry)
    {
        var rib = entry.Rib;
        foreach (var route in rib.Routes)
        {
            var attributes = route.Attributes;
            output.Reserve(MaxLineLength);
            output.Write(rib.HasPathIds ? "TABLE_DUMP2_AP|"u8 : "TABLE_DUMP2|"u8);
            output.Write(Time);
            output.Write("|B|"u8);
            BgpdumpText.Address(output, route.Peer.Address);
            output.Write((byte)'|');
            output.Write(route.Peer.Asn);
            output.Write((byte)'|');
            WritePrefix(output, rib.Prefix, rib.Afi == Afi.IPv6);
            output.Write((byte)'|');
            if (rib.HasPathIds)
            {
                output.Write(route.PathId);
                output.Write((byte)'|');
            }
            WritePathAndOrigin(output, attributes, _as4Merge);
            var reach = attributes.MpReach;
            var mpSlot = attributes.Has(PathAttributeType.MpReachNlri) && (reach.IsAbbreviated || reach.Safi == Safi.Unicast && reach.Afi is Afi.IPv4 or Afi.IPv6);
            if (mpSlot && reach.NextHop.Length == 4)
            {
                BgpdumpText.IPv4(output, NextHopUnionIPv4(reach.NextHop));
            }
            else if (mpSlot && reach.NextHop.Length is 16 or 32)
            {
                BgpdumpText.IPv6(output, BgpdumpText.NextHopUnion(reach.NextHop));
            }
            else if (!mpSlot)
            {
                BgpdumpText.IPv4(output, NextHopOrNone(attributes));
            }
            WritePreferenceAndRest(output, attributes, signed: false);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteStateChange(MrtEntry entry)
    {
        var change = entry.StateChange;
        output.Reserve(MaxLineLength);
        output.Write(entry.Header.Type == (ushort)MrtType.Bgp4mpEt ? "BGP4MP_ET|"u8 : "BGP4MP|"u8);
        output.Write(Time);
        output.Write("|STATE|"u8);
        WriteAddress(output, change.PeerAddress, change.Afi == Afi.IPv6);
        output.Write((byte)'|');
        output.Write(change.PeerAsn);
        output.Write((byte)'|');
        output.Write((uint)change.OldState);
        output.Write((byte)'|');
        output.Write((uint)change.NewState);
        output.Write((byte)'\n');
    }
}
