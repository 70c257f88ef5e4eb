using Grid.Bgp.Model;
using Grid.Testing.Lab;
using Grid.Testing.Processes;
using Xunit.Abstractions;

namespace Grid.Bgp.Tests.Lab;

/// <summary>
/// What every collector's capture must hold, checked with the reference decoder (bgpdump -m).
/// Each collector gets a subclass, so the three captures run in parallel.
/// </summary>
public abstract class MrtCaptureSpecification(CaptureFixture fixture, ITestOutputHelper output)
{
    protected MrtCapture Capture => fixture.Capture;

    [Theory]
    [InlineData("rib")]
    [InlineData("updates")]
    public async Task GridDumpPrintsExactlyWhatBgpdumpPrintsForThisDaemonsFiles(string which)
    {
        var file = which == "rib" ? Capture.RibDumpFile : Capture.UpdatesFile;
        var reference = await ExternalCommand.RunCapturingBytesAsync("bgpdump", ["-m", file]);
        var grid = await ExternalCommand.RunCapturingBytesAsync(Path.Combine(AppContext.BaseDirectory, "grid"), ["mrt", "dump", "-m", file]);

        Assert.Equal(0, grid.ExitCode);
        Assert.True(reference.StandardOutput.Length > 1000, $"bgpdump printed only {reference.StandardOutput.Length} octets for {file}");
        var at = reference.StandardOutput.AsSpan().CommonPrefixLength(grid.StandardOutput);
        Assert.True(
            reference.StandardOutput.AsSpan().SequenceEqual(grid.StandardOutput),
            $"grid and bgpdump differ at octet {at} of {file} ({reference.StandardOutput.Length} vs {grid.StandardOutput.Length} octets)");
    }

    [Fact]
    public void RibDumpHoldsExactlyTheAnnouncedPrefixes()
    {
        var ribPrefixes = fixture.Rib.Select(line => line.Prefix!.Value).ToList();

        Assert.All(fixture.Rib, line => Assert.Equal(BgpdumpLine.RibEntry, line.Kind));
        Assert.Equal(ribPrefixes.Count, ribPrefixes.Distinct().Count());
        Assert.True(Capture.Set.Prefixes.SetEquals(ribPrefixes), Difference(Capture.Set.Prefixes, ribPrefixes));
    }

    [Fact]
    public void RibPathsAreTheSpeakersAsFollowedByTheCountrysPath()
    {
        var expected = Capture.Set.Routes.ToDictionary(route => route.Prefix, route => ExpectedPath(route));

        Assert.All(fixture.Rib, line => Assert.Equal(expected[line.Prefix!.Value], line.AsPath));
    }

    [Fact]
    public void UpdatesAnnounceEveryPrefixTwiceAndWithdrawEachOnce()
    {
        var announced = fixture.Updates.Where(line => line.Kind == BgpdumpLine.Announcement).Select(line => line.Prefix!.Value).ToList();
        var withdrawn = fixture.Updates.Where(line => line.Kind == BgpdumpLine.Withdrawal).Select(line => line.Prefix!.Value).ToList();

        Assert.Equal(2 * Capture.Set.Routes.Count, announced.Count);
        Assert.All(announced.CountBy(prefix => prefix), pair => Assert.Equal(2, pair.Value));
        Assert.True(Capture.Set.Prefixes.SetEquals(announced), Difference(Capture.Set.Prefixes, announced));
        Assert.Equal(Capture.Set.Routes.Count, withdrawn.Count);
        Assert.True(Capture.WithdrawnPrefixes.SetEquals(withdrawn), Difference(Capture.WithdrawnPrefixes, withdrawn));
    }

    [Fact]
    public void UpdatesCarryTheCountrysPathsAndCommunities()
    {
        var routes = Capture.Set.Routes.ToDictionary(route => route.Prefix);

        Assert.All(fixture.Updates.Where(line => line.Kind == BgpdumpLine.Announcement), line =>
        {
            var route = routes[line.Prefix!.Value];
            Assert.Equal(ExpectedPath(route), line.AsPath);
            Assert.Equal(route.Community.ToString(), line.Communities);
        });
    }

    [Fact]
    public void BothFilesNameTheCountrySpeakerAsThePeer()
    {
        Assert.All(fixture.Rib.Concat(fixture.Updates), line =>
        {
            Assert.Equal(Capture.PeerAddress, line.PeerAddress);
            Assert.Equal(Capture.PeerAsn, line.PeerAsn);
        });
    }

    [Fact]
    public void UpdatesAreWithdrawnAfterTheyAreFirstAnnouncedAndAnnouncedAgainAfter()
    {
        var firstWithdrawal = fixture.Updates.FindIndex(line => line.Kind == BgpdumpLine.Withdrawal);
        var lastWithdrawal = fixture.Updates.FindLastIndex(line => line.Kind == BgpdumpLine.Withdrawal);
        var announcementsBefore = fixture.Updates.Take(firstWithdrawal).Count(line => line.Kind == BgpdumpLine.Announcement);
        var announcementsAfter = fixture.Updates.Skip(lastWithdrawal).Count(line => line.Kind == BgpdumpLine.Announcement);

        Assert.Equal(Capture.Set.Routes.Count, announcementsBefore);
        Assert.Equal(Capture.Set.Routes.Count, announcementsAfter);
    }

    /// <summary>How many PEER_INDEX_TABLEs the implementation writes into one RIB dump.</summary>
    protected abstract int PeerIndexTables { get; }

    /// <summary>The BGP4MP record kinds the implementation writes into its updates file.</summary>
    protected abstract string[] UpdateRecordKinds { get; }

    [Fact]
    public void FilesHoldTheRecordKindsOfTheImplementation()
    {
        var rib = MrtRecordHeader.CountByName(Capture.RibDumpFile);
        var updates = MrtRecordHeader.CountByName(Capture.UpdatesFile);
        output.WriteLine($"{Capture.Collector} capture of {Capture.Set.Description} took {Capture.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine($"  RIB dump: {string.Join(", ", rib.Select(kind => $"{kind.Key} {kind.Value}"))}");
        output.WriteLine($"  updates:  {string.Join(", ", updates.Select(kind => $"{kind.Key} {kind.Value}"))}");

        Assert.Equal(PeerIndexTables, rib["TABLE_DUMP_V2/PEER_INDEX_TABLE"]);
        Assert.Equal(Capture.Set.IPv4Count, rib["TABLE_DUMP_V2/RIB_IPV4_UNICAST"]);
        Assert.Equal(Capture.Set.IPv6Count, rib["TABLE_DUMP_V2/RIB_IPV6_UNICAST"]);
        Assert.Equal(3, rib.Count);
        Assert.Equal(UpdateRecordKinds, updates.Keys);
    }

    private static string ExpectedPath(CountryRoute route) =>
        string.Join(' ', route.AsPath.Prepend(BgpLab.SpeakerAsn));

    private static string Difference(IReadOnlySet<Prefix> expected, IEnumerable<Prefix> actual)
    {
        var seen = actual.ToHashSet();
        var missing = expected.Where(p => !seen.Contains(p)).Take(5);
        var extra = seen.Where(p => !expected.Contains(p)).Take(5);
        return $"missing: {string.Join(", ", missing)}; unexpected: {string.Join(", ", extra)}";
    }
}
