using System.Buffers.Binary;
using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using Grid.Bgp.Mrt;
using Grid.Bgp.Mrt.Model;
using Grid.Testing.Data;
using Microsoft.FSharp.Core;

namespace Grid.Bgp.Tests.Properties;

/// <summary>
/// Damaged MRT never crashes or hangs the reader, and damage costs only what it touches: every
/// record whose octets survived, and that the framing still reaches by header lengths after the
/// damage, reads exactly as it did undamaged. Seeded, so a failure replays.
/// </summary>
public sealed class CorruptionPropertyTests
{
    private const ulong Seed = 0x6772_6964_6d72_74UL;
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(5);

    private static readonly Lazy<IReadOnlyDictionary<string, Sample>> Samples = new(() => new[]
    {
        Sample.FromArchive("bgpdump.updates.20020722.2238.gz", int.MaxValue),
        Sample.FromArchive("bgpdump.bview.20020722.2337.gz", 60_000),
        Sample.FromArchive("bgpdump.bview.ipv6_unicast_add_path.gz", int.MaxValue),
        Sample.FromArchive("bgpkit.local_only.updates.bz2", int.MaxValue),
        Sample.FromArchive("mrtparse.quagga_bgp", int.MaxValue),
        Sample.FromFile(Path.Combine(SharedData.BgpLabDirectory, "frr-rib-054300.mrt")),
    }.ToDictionary(sample => sample.Name));

    [Fact]
    public void DamagedRecordsCostOnlyThemselves()
    {
        var config = Config.QuickThrowOnFailure.WithMaxTest(300).WithQuietOnSuccess(true)
            .WithReplay(new Replay(new Rnd(Seed, 0x9E37_79B9_7F4A_7C15UL), FSharpOption<int>.None));

        var compared = 0;
        Check.One(config, Prop.ForAll(Corruptions().ToArbitrary(), (Action<Corruption>)(corruption => compared += SurvivingRecordsReadAsBefore(corruption))));

        // Not vacuous: most records of most cases survive and are compared.
        Assert.True(compared > 50_000, $"only {compared} surviving records were compared");
    }

    [Fact]
    public void DamagedCompressedStreamsEndWithAnErrorNotACrash()
    {
        var config = Config.QuickThrowOnFailure.WithMaxTest(60).WithQuietOnSuccess(true)
            .WithReplay(new Replay(new Rnd(Seed + 1, 0x9E37_79B9_7F4A_7C15UL), FSharpOption<int>.None));
        var archives = new[] { "bgpdump.updates.20020722.2238.gz", "bgpkit.local_only.updates.bz2" }
            .Select(name => (Name: name, Octets: File.ReadAllBytes(MrtReaderTests.Data(name)))).ToArray();
        var damaged =
            from archive in Gen.Elements(archives)
            from kind in Gen.Elements(CorruptionKind.Flip, CorruptionKind.Truncate)
            from positions in Gen.ArrayOf(Gen.Choose(0, archive.Octets.Length - 1), 3)
            from values in Gen.ArrayOf(Gen.Choose(0, 255).Select(value => (byte)value), 3)
            select new Corruption(archive.Name, kind, kind == CorruptionKind.Truncate ? positions[..1] : positions,
                kind == CorruptionKind.Truncate ? [] : values);

        Check.One(config, Prop.ForAll(damaged.ToArbitrary(), (Action<Corruption>)(corruption =>
        {
            var octets = corruption.ApplyTo(archives.Single(archive => archive.Name == corruption.Sample).Octets);
            WithinTime(() =>
            {
                using var reader = new MrtReader(new MemoryStream(octets));
                while (reader.Read())
                {
                }
                return 0;
            }, corruption);
        })));
    }

    private static Gen<Corruption> Corruptions() =>
        from sample in Gen.Elements(Samples.Value.Values.ToArray())
        from kind in Gen.Elements(CorruptionKind.Flip, CorruptionKind.FlipHeader, CorruptionKind.Truncate, CorruptionKind.Insert)
        from count in Gen.Choose(1, 6)
        from positions in Gen.ArrayOf(kind == CorruptionKind.FlipHeader
            ? Gen.Elements(sample.RecordStarts.ToArray()).SelectMany(start => Gen.Choose(0, 11).Select(within => (int)start + within))
            : Gen.Choose(0, sample.Octets.Length - 1), count)
        from values in Gen.ArrayOf(Gen.Choose(0, 255).Select(value => (byte)value), kind == CorruptionKind.Insert ? count * 8 : count)
        select new Corruption(sample.Name, kind, kind is CorruptionKind.Truncate or CorruptionKind.Insert ? positions[..1] : positions,
            kind == CorruptionKind.Truncate ? [] : values);

    /// <summary>Checks one damaged sample; returns how many surviving records it compared.</summary>
    private static int SurvivingRecordsReadAsBefore(Corruption corruption)
    {
        var sample = Samples.Value[corruption.Sample];
        var damaged = corruption.ApplyTo(sample.Octets);
        var trace = WithinTime(() => RecordTrace.Of(damaged), corruption);
        var reached = Corruption.FramingChain(damaged);

        // RIB records read through the last PEER_INDEX_TABLE: compare them only if that table survived and no other appeared.
        var compared = 0;
        var tableSurvived = sample.PeerIndexTable is not { } table
            || (corruption.Survivor(table.Offset, table.Length) is { } at && reached.Contains(at) && trace.PeerIndexTables == sample.Trace.PeerIndexTables);

        foreach (var record in sample.Records)
        {
            if (corruption.Survivor(record.Offset, record.Length) is not { } now || !reached.Contains(now)
                || (record.DependsOnPeerIndexTable && !tableSurvived))
            {
                continue;
            }
            Assert.True(trace.Records.TryGetValue(now, out var read), $"{corruption}: the record at {record.Offset} (now {now}) survived but was not read");
            Assert.Equal(sample.Trace.Records[record.Offset], read);
            compared++;
        }
        return compared;
    }

    /// <summary>Runs <paramref name="decode"/>, failing when it takes longer than a case may (a hang).</summary>
    internal static T WithinTime<T>(Func<T> decode, Corruption corruption)
    {
        var clock = Stopwatch.StartNew();
        var work = Task.Run(decode);
        Assert.True(work.Wait(PerCase), $"{corruption}: the reader did not finish within {PerCase.TotalSeconds} s");
        Assert.True(clock.Elapsed < PerCase);
        return work.Result;
    }

    private sealed record SampleRecord(long Offset, int Length, bool DependsOnPeerIndexTable);

    private sealed record Sample(string Name, byte[] Octets, RecordTrace Trace, IReadOnlyList<SampleRecord> Records)
    {
        public IEnumerable<long> RecordStarts => Records.Select(record => record.Offset);

        public SampleRecord? PeerIndexTable { get; } = Records.FirstOrDefault(record => record.Length > 0 && IsPeerIndexTable(Octets, record.Offset));

        public static Sample FromArchive(string name, int maxOctets)
        {
            using var reader = new MrtReader(File.OpenRead(MrtReaderTests.Data(name)));
            using var copy = new MemoryStream();
            var records = new List<SampleRecord>();
            while (reader.Read() && copy.Length + MrtHeader.Size + reader.Current.Header.Length <= maxOctets)
            {
                var header = reader.Current.Header;
                var head = new byte[MrtHeader.Size];
                BinaryPrimitives.WriteUInt32BigEndian(head, header.Timestamp);
                BinaryPrimitives.WriteUInt16BigEndian(head.AsSpan(4), header.Type);
                BinaryPrimitives.WriteUInt16BigEndian(head.AsSpan(6), header.Subtype);
                var extended = header.HasExtendedTimestamp ? 4 : 0;
                BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), (uint)(header.Length + extended));
                copy.Write(head);
                if (extended > 0)
                {
                    var micro = new byte[4];
                    BinaryPrimitives.WriteUInt32BigEndian(micro, header.Microseconds);
                    copy.Write(micro);
                }
                copy.Write(reader.Current.Body);
            }
            return Build(name, copy.ToArray());
        }

        public static Sample FromFile(string path) => Build(Path.GetFileName(path), File.ReadAllBytes(path));

        private static Sample Build(string name, byte[] octets)
        {
            var records = new List<SampleRecord>();
            for (var offset = 0; offset + MrtHeader.Size <= octets.Length;)
            {
                var length = MrtHeader.Size + BinaryPrimitives.ReadInt32BigEndian(octets.AsSpan(offset + 8));
                var type = BinaryPrimitives.ReadUInt16BigEndian(octets.AsSpan(offset + 4));
                records.Add(new SampleRecord(offset, length, type == (ushort)MrtType.TableDumpV2 && !IsPeerIndexTable(octets, offset)));
                offset += length;
            }
            return new Sample(name, octets, RecordTrace.Of(octets), records);
        }

        private static bool IsPeerIndexTable(byte[] octets, long offset) =>
            BinaryPrimitives.ReadUInt16BigEndian(octets.AsSpan((int)offset + 4)) == (ushort)MrtType.TableDumpV2
            && BinaryPrimitives.ReadUInt16BigEndian(octets.AsSpan((int)offset + 6)) == (ushort)TableDumpV2Subtype.PeerIndexTable;
    }
}
