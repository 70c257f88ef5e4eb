using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using Grid.Bgp.Bmp;
using Grid.Bgp.Bmp.Model;
using Grid.Bgp.Messages;
using Grid.Bgp.Tests.Properties;
using Microsoft.FSharp.Core;
using static Grid.Bgp.Tests.Bmp.BmpBytes;
using static Grid.Testing.Mrt.WireBytes;

namespace Grid.Bgp.Tests.Bmp;

/// <summary>
/// Damaged BMP (hand-built, and real GoBGP and FRR captures) never crashes or hangs the reader: only a broken common header may end it, with
/// <see cref="BmpFramingException"/>. Damage inside a message costs only that message, and a cut
/// stream keeps everything before the cut. Seeded, so a failure replays.
/// </summary>
public sealed class BmpCorruptionPropertyTests
{
    private const ulong Seed = 0x626D_7072_6F70UL;
    private static readonly Lazy<Sample> Stream = new(() => Sample.Of(SampleMessages()));

    /// <summary>The hand-built stream and the real GoBGP and FRR captures, by name.</summary>
    private static readonly Lazy<Dictionary<string, (byte[] Octets, long[] Offsets)>> Streams = new(() => new()
    {
        ["sample"] = (Stream.Value.Octets, Stream.Value.Offsets),
        ["gobgp-prepolicy.bmp.gz"] = WithOffsets(BmpCaptureTests.Capture("gobgp-prepolicy.bmp.gz")),
        ["frr-prepolicy.bmp.gz"] = WithOffsets(BmpCaptureTests.Capture("frr-prepolicy.bmp.gz")),
    });

    [Fact]
    public void AnyDamageEndsInMessagesOrAFramingErrorNeverACrashOrAHang()
    {
        var damage =
            from name in Gen.Elements(Streams.Value.Keys.ToArray())
            let sample = Streams.Value[name]
            from kind in Gen.Elements(CorruptionKind.Flip, CorruptionKind.FlipHeader, CorruptionKind.Truncate, CorruptionKind.Insert)
            from count in Gen.Choose(1, 8)
            from positions in Gen.ArrayOf(kind == CorruptionKind.FlipHeader
                ? Gen.Elements(sample.Offsets).SelectMany(start => Gen.Choose(0, 5).Select(within => (int)start + within))
                : Gen.Choose(0, sample.Octets.Length - 1), count)
            from values in Gen.ArrayOf(Gen.Choose(0, 255).Select(value => (byte)value), kind == CorruptionKind.Insert ? count * 8 : count)
            select new Corruption(name, kind, kind is CorruptionKind.Truncate or CorruptionKind.Insert ? positions[..1] : positions,
                kind == CorruptionKind.Truncate ? [] : values);

        var framingErrors = 0;
        Check.One(Config(0, 400), Prop.ForAll(damage.ToArbitrary(), (Action<Corruption>)(corruption =>
        {
            var octets = corruption.ApplyTo(Streams.Value[corruption.Sample].Octets);
            var outcome = CorruptionPropertyTests.WithinTime(() => ReadTraces(octets), corruption);
            framingErrors += outcome.Framing is null ? 0 : 1;
        })));

        // Not vacuous: header damage does reach the framing check.
        Assert.True(framingErrors > 20, $"only {framingErrors} cases broke the framing");
    }

    [Fact]
    public void DamageInsideAMessageCostsOnlyThatMessage()
    {
        var sample = Stream.Value;
        // Octets after the common headers of messages that carry no session state (not Peer Up or Peer Down).
        var inside = sample.Messages.Where(message => message.Type is not (BmpMessageType.PeerUp or BmpMessageType.PeerDown))
            .SelectMany(message => Enumerable.Range((int)message.Offset + 6, message.Length - 6)).ToArray();
        var damage =
            from count in Gen.Choose(1, 6)
            from positions in Gen.ArrayOf(Gen.Elements(inside), count)
            from values in Gen.ArrayOf(Gen.Choose(0, 255).Select(value => (byte)value), count)
            select new Corruption("sample", CorruptionKind.Flip, positions, values);

        var compared = 0;
        Check.One(Config(1, 300), Prop.ForAll(damage.ToArbitrary(), (Action<Corruption>)(corruption =>
        {
            var outcome = CorruptionPropertyTests.WithinTime(() => ReadTraces(corruption.ApplyTo(sample.Octets)), corruption);
            Assert.Null(outcome.Framing);
            Assert.Equal(sample.Offsets, outcome.Traces.Select(trace => trace.Offset));
            foreach (var (message, read) in sample.Messages.Zip(outcome.Traces))
            {
                if (corruption.Survivor(message.Offset, message.Length) is not null)
                {
                    Assert.Equal(message.Trace, read.Text);
                    compared++;
                }
            }
        })));

        Assert.True(compared > 300 * (sample.Messages.Count - 6), $"only {compared} undamaged messages were compared");
    }

    [Fact]
    public void AStreamCutAnywhereKeepsEveryMessageBeforeTheCut()
    {
        var sample = Stream.Value;
        Check.One(Config(2, 300), Prop.ForAll(Gen.Choose(0, sample.Octets.Length).ToArbitrary(), (Action<int>)(cut =>
        {
            var corruption = new Corruption("sample", CorruptionKind.Truncate, [cut], []);
            var outcome = CorruptionPropertyTests.WithinTime(() => ReadTraces(sample.Octets[..cut]), corruption);
            var whole = sample.Messages.Where(message => message.Offset + message.Length <= cut).ToList();

            Assert.Null(outcome.Framing);
            Assert.Equal(whole.Select(message => message.Trace), outcome.Traces.Take(whole.Count).Select(trace => trace.Text));
            // Any message cut short, Route Mirroring too, is reported once.
            var partial = !sample.Boundaries.Contains(cut);
            Assert.Equal(whole.Count + (partial ? 1 : 0), outcome.Traces.Count);
        })));
    }

    /// <summary>A stream and where its messages start, by the common headers' lengths.</summary>
    private static (byte[] Octets, long[] Offsets) WithOffsets(byte[] octets)
    {
        var offsets = new List<long>();
        for (long offset = 0; offset + 6 <= octets.Length; offset += BinaryPrimitives.ReadUInt32BigEndian(octets.AsSpan((int)offset + 1)))
        {
            offsets.Add(offset);
        }
        return (octets, [.. offsets]);
    }

    private static FsCheck.Config Config(ulong salt, int tests) => FsCheck.Config.QuickThrowOnFailure.WithMaxTest(tests).WithQuietOnSuccess(true)
        .WithReplay(new Replay(new Rnd(Seed + salt, 0x9E37_79B9_7F4A_7C15UL), FSharpOption<int>.None));

    private static Outcome ReadTraces(byte[] octets)
    {
        var traces = new List<(long Offset, string Text)>();
        try
        {
            foreach (var read in BmpRead.All(octets))
            {
                traces.Add((read.Message.Offset, Trace(read)));
            }
            return new Outcome(traces, null);
        }
        catch (BmpFramingException e)
        {
            return new Outcome(traces, e);
        }
    }

    /// <summary>Everything a consumer would use of a message, as text.</summary>
    private static string Trace(ReadMessage read) => read.Message switch
    {
        BmpRouteMonitoring routes => $"routes {routes.Peer} {routes.Timestamp:O} {routes.Context} {routes.EndOfRib} "
            + string.Join(" ", BmpReaderTests.Describe(read.Elements)),
        BmpPeerUp up => $"up {up.Peer} {up.LocalAddress}:{up.LocalPort} {up.Session?.PeerAs} {up.Session?.FourOctetAs} {up.Session?.AddPathReceive} {up.SessionProblem}",
        BmpPeerDown down => $"down {down.Peer} {down.Text}",
        BmpStatisticsReport report => $"stats {report.Peer} {string.Join(", ", report.Statistics)}",
        BmpInitiation initiation => $"initiation {initiation.SysName} {initiation.SysDescr} {initiation.Information.Count}",
        BmpTermination termination => $"termination {termination.Reason} {termination.Text}",
        BmpMalformed malformed => $"malformed {malformed.MessageType} {malformed.Reason}",
        var other => other.ToString(),
    };

    /// <summary>A stream with every message type, two peers (one with ADD-PATH), IPv4 and IPv6, withdrawals and End-of-RIBs.</summary>
    private static List<byte[]> SampleMessages()
    {
        var v4 = PeerHeader("192.0.2.7", 64496);
        var v6 = PeerHeader("2001:db8::9", 64497);
        var legacy = PeerHeader("192.0.2.8", 64498, BmpPeerFlags.TwoOctetAsPath);
        var router = Open(65200, "192.0.2.254", BgpCapability.Multiprotocol(BgpFamily.IPv4Unicast), BgpCapability.Multiprotocol(BgpFamily.IPv6Unicast),
            BgpCapability.AddPath((BgpFamily.IPv4Unicast, AddPathDirection.Receive)));
        var peer = Open(64496, "192.0.2.7", BgpCapability.Multiprotocol(BgpFamily.IPv4Unicast), BgpCapability.Multiprotocol(BgpFamily.IPv6Unicast),
            BgpCapability.AddPath((BgpFamily.IPv4Unicast, AddPathDirection.Send)));
        var messages = new List<byte[]>
        {
            Message(BmpMessageType.Initiation, Tlv(BmpInformation.SysDescr, "lab"), Tlv(BmpInformation.SysName, "r1")),
            PeerUp(v4, "192.0.2.254", router, peer),
            PeerUp(v6, "2001:db8::1", Open(65200, "192.0.2.254", BgpCapability.Multiprotocol(BgpFamily.IPv6Unicast)),
                Open(64497, "192.0.2.9", BgpCapability.Multiprotocol(BgpFamily.IPv6Unicast))),
        };
        for (var i = 0; i < 20; i++)
        {
            var attributes = Join(
                Attribute(0x40, Model.PathAttributeType.Origin, 0),
                Attribute(0x40, Model.PathAttributeType.AsPath, Sequence(4, 64496, (uint)(64500 + i))),
                Attribute(0x40, Model.PathAttributeType.NextHop, Address("198.51.100.1")));
            messages.Add(RouteMonitoring(v4, UpdateBody([], attributes, NlriWithPathIds(((uint)i, $"100.64.{i}.0/24"), ((uint)i + 100, $"100.65.{i}.0/24")))));
            messages.Add(RouteMonitoring(v6, AnnounceIPv6([64497, (uint)(64600 + i)], $"2001:db8:{i:x}::/48")));
            messages.Add(RouteMonitoring(legacy, Announce([64498, (uint)(64700 + i)], 2, $"100.66.{i}.0/24")));
        }
        messages.Add(RouteMonitoring(v4, UpdateBody([], [], [])));
        messages.Add(RouteMonitoring(v6, WithdrawIPv6("2001:db8:1::/48", "2001:db8:2::/48")));
        messages.Add(Statistics(v4, Tlv(0, U32(1)), Tlv(7, U64(40)), Tlv(9, Join(U16(1), [1], U64(40)))));
        messages.Add(Message(BmpMessageType.RouteMirroring, v4, Tlv(0, new byte[20])));
        messages.Add(PeerDown(v6, BmpPeerDownReason.RemoteNotification, BgpNotification.AdministrativeShutdown("bye").Encode()));
        messages.Add(RouteMonitoring(v4, UpdateBody(NlriWithPathIds((1, "100.64.1.0/24")), [], [])));
        return messages;
    }

    private sealed record Outcome(List<(long Offset, string Text)> Traces, BmpFramingException? Framing);

    private sealed record SampleMessage(long Offset, int Length, BmpMessageType Type, string Trace);

    private sealed record Sample(byte[] Octets, List<SampleMessage> Messages, long[] Offsets, HashSet<long> Boundaries)
    {
        public static Sample Of(List<byte[]> messages)
        {
            var octets = Join([.. messages]);
            var traces = ReadTraces(octets);
            Assert.Null(traces.Framing);
            var list = new List<SampleMessage>();
            long offset = 0;
            var read = 0;
            foreach (var message in messages)
            {
                var type = (BmpMessageType)message[5];
                // Route Mirroring is skipped unread, so it has no trace.
                var trace = type == BmpMessageType.RouteMirroring ? "" : traces.Traces[read++].Text;
                Assert.DoesNotContain("malformed", trace, StringComparison.Ordinal);
                Assert.Equal((uint)message.Length, BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(1)));
                list.Add(new SampleMessage(offset, message.Length, type, trace));
                offset += message.Length;
            }
            var decoded = list.Where(message => message.Type != BmpMessageType.RouteMirroring).ToList();
            return new Sample(octets, decoded, [.. decoded.Select(message => message.Offset)], [.. list.Select(message => message.Offset), octets.Length]);
        }
    }
}
