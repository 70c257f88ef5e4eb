using Grid.Bgp.Model;
using static Grid.Testing.Mrt.WireBytes;

namespace Grid.Testing.Mrt;

/// <summary>
/// Writes a shutdown as MRT files: a TABLE_DUMP_V2 RIB in which every peer carries the same
/// prefixes, then BGP4MP_MESSAGE_AS4 updates in which every peer announces or withdraws the same
/// prefixes at the given event times (RFC 6396 §4.3, §4.4.3), as collectors record a country's
/// routes disappearing.
/// </summary>
public sealed class MrtTimeline(params (string Address, uint Asn)[] peers)
{
    public const uint OriginAs = 65100;

    private readonly List<byte[]> _rib = [];
    private readonly List<byte[]> _updates = [];

    public MrtTimeline Rib(DateTimeOffset at, IEnumerable<string> prefixes)
    {
        var time = Seconds(at);
        _rib.Add(Record(time, 13, 1, PeerIndexTable(peers)));
        var sequence = 0u;
        foreach (var prefix in prefixes)
        {
            var entries = peers.Select((peer, index) => ((ushort)index, (uint?)null, Attributes(peer.Asn))).ToArray();
            _rib.Add(Record(time, 13, 2, WireBytes.Rib(sequence++, prefix, entries)));
        }

        return this;
    }

    public MrtTimeline Announce(DateTimeOffset at, IEnumerable<string> prefixes) => Update(at, prefixes, announce: true);

    public MrtTimeline Withdraw(DateTimeOffset at, IEnumerable<string> prefixes) => Update(at, prefixes, announce: false);

    /// <summary>Writes <c>rib.mrt</c> and <c>updates.mrt</c> into <paramref name="directory"/>; returns their paths.</summary>
    public async Task<(string Rib, string Updates)> WriteAsync(string directory)
    {
        var rib = Path.Combine(directory, "rib.mrt");
        var updates = Path.Combine(directory, "updates.mrt");
        await File.WriteAllBytesAsync(rib, Join([.. _rib]));
        await File.WriteAllBytesAsync(updates, Join([.. _updates]));
        return (rib, updates);
    }

    private MrtTimeline Update(DateTimeOffset at, IEnumerable<string> prefixes, bool announce)
    {
        var nlri = Nlri([.. prefixes]);
        foreach (var (address, asn) in peers)
        {
            var body = announce ? UpdateBody([], Attributes(asn), nlri) : UpdateBody(nlri, [], []);
            _updates.Add(Record(Seconds(at), 16, 4, Bgp4mpMessage(4, asn, 65000, address, "192.0.2.254", Message(BgpMessageType.Update, body))));
        }

        return this;
    }

    private static byte[] Attributes(uint peerAs) => Join(
        Attribute(0x40, PathAttributeType.Origin, 0),
        Attribute(0x40, PathAttributeType.AsPath, Sequence(4, peerAs, OriginAs)),
        Attribute(0x40, PathAttributeType.NextHop, Address("192.0.2.1")));

    private static uint Seconds(DateTimeOffset at) => (uint)at.ToUnixTimeSeconds();
}
