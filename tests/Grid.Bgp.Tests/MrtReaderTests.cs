using System.IO.Compression;
using System.Net;
using Grid.Bgp.Model;
using Grid.Bgp.Mrt;
using Grid.Bgp.Mrt.Model;
using Grid.Testing.Data;

namespace Grid.Bgp.Tests;

/// <summary>Reading real MRT files: streaming elements, compression, and what happens when files are damaged.</summary>
public sealed class MrtReaderTests
{
    internal static string Data(string name) => SharedData.DataFile(Path.Combine("mrt", name));

    /// <summary>An archive's uncompressed octets, for tests that cut or damage them in memory.</summary>
    internal static byte[] Uncompressed(string name)
    {
        using var input = new GZipStream(File.OpenRead(Data(name)), CompressionMode.Decompress);
        using var copy = new MemoryStream();
        input.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public void UpdatesBecomeAnnouncementsAndWithdrawalsWithPeerAndOrigin()
    {
        var elements = MrtReader.ReadRouteElements(Data("bgpdump.updates.20160811.1600.gz")).ToList();

        Assert.Equal(39256, elements.Count(element => element.Action == RouteAction.Announce));
        Assert.Equal(1956, elements.Count(element => element.Action == RouteAction.Withdraw));
        var first = elements[0];
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1470931200), first.Timestamp);
        Assert.Equal(IPAddress.Parse("2001:7f8:54::188"), first.PeerAddress);
        Assert.Equal((59689u, "2804:14d::/40", 28573u), (first.PeerAsn, first.Prefix.ToString(), first.OriginAsn));
        Assert.All(elements.Where(element => element.Action == RouteAction.Withdraw), element => Assert.Equal(0u, element.OriginAsn));
    }

    [Theory]
    [InlineData("bgpdump.bview.20020722.2337.gz", 115521)]
    [InlineData("pyasn.rib.20140523.0600_firstMB.complete-records.mrt.gz", 270005)]
    [InlineData("pyasn.rib6.20151101.0600_firstMB.complete-records.mrt.gz", 149578)]
    public void EveryRibRouteIsAnAnnouncement(string file, int routes)
    {
        var elements = MrtReader.ReadRouteElements(Data(file)).ToList();

        Assert.Equal(routes, elements.Count);
        Assert.All(elements, element => Assert.Equal(RouteAction.Announce, element.Action));
    }

    [Fact]
    public void PeersOfARibShareOneAddressObjectPerPeer()
    {
        var elements = MrtReader.ReadRouteElements(Data("pyasn.rib.20140523.0600_firstMB.complete-records.mrt.gz")).ToList();

        var addresses = elements.Select(element => element.PeerAddress).Distinct(ReferenceEqualityComparer.Instance).Count();
        Assert.Equal(elements.Select(element => element.PeerAddress).Distinct().Count(), addresses);
    }

    [Fact]
    public void ExtendedTimestampsKeepTheirMicroseconds()
    {
        var first = MrtReader.ReadRouteElements(Data("bgpkit.local_only.updates.bz2")).First();

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1726353018).AddTicks(908490 * 10), first.Timestamp);
    }

    [Fact]
    public void CompressionIsToldByTheFirstOctetsNotTheName()
    {
        var directory = Directory.CreateTempSubdirectory("grid-mrt-");
        try
        {
            var gzipNamedPlain = Path.Combine(directory.FullName, "updates.mrt");
            var plainNamedGzip = Path.Combine(directory.FullName, "quagga.gz");
            File.Copy(Data("bgpdump.updates.20020722.2238.gz"), gzipNamedPlain);
            File.Copy(Data("mrtparse.quagga_bgp"), plainNamedGzip);

            using var gzip = MrtReader.Open(gzipNamedPlain);
            using var plain = MrtReader.Open(plainNamedGzip);
            using var bzip2 = MrtReader.Open(Data("bgpkit.local_only.updates.bz2"));

            Assert.Equal((MrtCompression.Gzip, MrtCompression.None, MrtCompression.Bzip2), (gzip.Compression, plain.Compression, bzip2.Compression));
            Assert.Equal((1121, 67, 85), (Count(gzip), Count(plain), Count(bzip2)));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static int Count(MrtReader reader)
    {
        var records = 0;
        while (reader.Read())
        {
            records++;
        }
        return records;
    }

    [Fact]
    public void AFileCutMidRecordYieldsEveryRecordBeforeTheCutThenTruncation()
    {
        var octets = Uncompressed("bgpdump.updates.20020722.2238.gz");
        var cut = octets.Length - 30;

        using var reader = new MrtReader(new MemoryStream(octets[..cut]));
        var records = 0;
        while (reader.Read())
        {
            records++;
        }

        Assert.Equal(1120, records);
        Assert.True(reader.IsTruncated);
        var truncation = Assert.Single(reader.Errors);
        Assert.Equal(MrtErrorKind.Truncated, truncation.Kind);
        Assert.True(truncation.Offset < cut && truncation.Offset > cut - 200, $"truncation reported at {truncation.Offset}, cut at {cut}");
    }

    [Fact]
    public void ACutOffGzipStreamIsReportedAsTruncation()
    {
        var compressed = File.ReadAllBytes(Data("bgpdump.updates.20160811.1600.gz"));

        using var reader = new MrtReader(new MemoryStream(compressed[..(compressed.Length / 2)]));
        while (reader.Read())
        {
        }

        Assert.True(reader.IsTruncated);
        Assert.InRange(reader.RecordCounts.Total, 1000, 17405);
    }

    [Fact]
    public void AMalformedRecordIsSkippedByItsLengthAndReadingGoesOn()
    {
        var octets = Uncompressed("bgpdump.updates.20020722.2238.gz");
        // The first record is a BGP4MP MESSAGE: 12-octet header, 2+2 ASNs, 2+2 interface and AFI, 4+4 addresses, then the marker.
        octets[12 + 16 + 3] = 0;

        using var reader = new MrtReader(new MemoryStream(octets));
        var results = new List<MrtReadResult>();
        MrtReadResult result;
        while ((result = reader.ReadNext()) != MrtReadResult.End)
        {
            results.Add(result);
        }

        Assert.Equal(MrtReadResult.Error, results[0]);
        var error = Assert.Single(reader.Errors);
        Assert.Equal((MrtErrorKind.MalformedRecord, 0L, "BGP4MP/MESSAGE"), (error.Kind, error.Offset, error.Record.Name));
        Assert.Contains("marker", error.Reason, StringComparison.Ordinal);
        Assert.Equal(1120, results.Count(r => r == MrtReadResult.Record));
    }

    [Fact]
    public void ARecordLongerThanAnyWriterProducesIsSkippedWithoutBeingRead()
    {
        var octets = Uncompressed("bgpdump.updates.20020722.2238.gz");
        var second = 12 + System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(octets.AsSpan(8));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(octets.AsSpan(second + 8), 0x7FFF_FFFF);

        using var reader = new MrtReader(new MemoryStream(octets));
        while (reader.Read())
        {
        }

        Assert.Equal(1, reader.RecordCounts.Total);
        Assert.Equal(MrtErrorKind.RecordTooLarge, reader.Errors[0].Kind);
        Assert.Equal(second, reader.Errors[0].Offset);
    }

    [Fact]
    public void TextIsNotMrt()
    {
        using var reader = MrtReader.Open(SharedData.DataFile("MANIFEST.txt"));

        Assert.False(reader.Read());
        Assert.True(reader.IsNotMrt);
        Assert.Equal(MrtErrorKind.NotMrt, Assert.Single(reader.Errors).Kind);
    }

    [Fact]
    public void TheFallibleStreamReportsErrorsInPlaceWithoutStopping()
    {
        using var reader = MrtReader.Open(Data("pyasn.bview.20140112.1600_3samples.bz2"));

        var results = reader.RouteElementsAndErrors().ToList();

        Assert.Equal(3, results.Count);
        Assert.All(results, result => Assert.Contains("before any PEER_INDEX_TABLE", result.Error!.Reason, StringComparison.Ordinal));
        Assert.Equal([0L, 55L, 118L], results.Select(result => result.Error!.Offset));
    }

    [Fact]
    public void RecordsAreCountedByTypeAndSubtype()
    {
        using var reader = MrtReader.Open(Data("mrtparse.openbgpd_rib_table-v2"));
        while (reader.Read())
        {
        }

        Assert.Equal(
            ["TABLE_DUMP_V2/PEER_INDEX_TABLE 1", "TABLE_DUMP_V2/RIB_IPV4_UNICAST 11", "TABLE_DUMP_V2/RIB_IPV6_UNICAST 10", "TABLE_DUMP_V2/RIB_GENERIC 2"],
            reader.RecordCounts.ByKind.Select(pair => $"{pair.Key.Name} {pair.Value}"));
        Assert.Equal(24, reader.RecordCounts.Total);
    }

    [Fact]
    public void StateChangesAreDecoded()
    {
        using var reader = MrtReader.Open(Data("mrtparse.bird_bgp"));
        var states = new List<(ushort, ushort)>();
        while (reader.Read())
        {
            if (reader.Current.Kind == MrtEntryKind.Bgp4mpStateChange)
            {
                states.Add((reader.Current.StateChange.OldState, reader.Current.StateChange.NewState));
            }
        }

        Assert.Equal(12, states.Count);
        Assert.Contains(((ushort)5, (ushort)6), states);
    }
}
