using System.Text;
using System.Text.Json;
using Grid.Silo.Api.V1;
using Grid.Silo.Api.V1.Probes;
using Grid.Testing.Data;

namespace Grid.Silo.Tests.Probing;

/// <summary>The intake's reading and per-item checks, on RIPE Atlas's real results and on Grid's own format.</summary>
public sealed class ProbeResultsBatchTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly string AtlasFile = SharedData.PathOf("live", "ripe-atlas-ping-results.sagan-tests.jsonl");

    [Fact]
    public void EveryAtlasResultOfTheSampleIsKeptWhateverItsFirmware()
    {
        var lines = File.ReadAllLines(AtlasFile);
        var (accepted, refused) = Read(File.ReadAllBytes(AtlasFile));

        Assert.Empty(refused);
        Assert.Equal(lines.Length, accepted.Count);
        Assert.All(accepted, r => Assert.Equal(0x3E021000u, r.Address & 0xFFFFFF00));

        // Firmware 0: numbers as strings, no per-packet results; the average stands for each answer.
        Assert.Equal((3, "58.042,58.042,58.042"), (accepted[0].Sent, Rtts(accepted[0])));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1328019792), accepted[0].At);
        // Firmware 1: the target is "addr".
        Assert.Equal((3, 3), (accepted[1].Sent, accepted[1].RttsMs.Count));
        // Firmware 4xxx: timeouts ({"x":"*"}) are silences, duplicates ("dup":1) are not new answers.
        var withDuplicates = accepted[Index(lines, "\"prb_id\":1216")];
        Assert.Equal((2, "27.768"), (withDuplicates.Sent, Rtts(withDuplicates)));
        var onlyDuplicates = accepted[Index(lines, "\"avg\":-1")];
        Assert.Equal((1, 0), (onlyDuplicates.Sent, onlyDuplicates.RttsMs.Count));
        var oneOfThree = accepted[Index(lines, "\"timestamp\":1378271710")];
        Assert.Equal((3, "27.301"), (oneOfThree.Sent, Rtts(oneOfThree)));
    }

    [Fact]
    public void AnArrayOfAtlasResultsReadsLikeTheirLines()
    {
        var lines = File.ReadAllLines(AtlasFile);
        var fromLines = Read(File.ReadAllBytes(AtlasFile)).Accepted;
        var fromArray = Read(Encoding.UTF8.GetBytes("[" + string.Join(",", lines) + "]")).Accepted;

        Assert.Equal(fromLines.Select(Describe), fromArray.Select(Describe));
    }

    [Fact]
    public void BadItemsAreRefusedOneByOneWithTheirReasonsAndTheGoodOnesKept()
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            results = new object[]
            {
                new { address = "198.51.100.1", timestamp = "2026-12-01T07:59:00Z", sent = 3, rttMs = new[] { 12.5, 13.5 }, country = "BY", asn = "AS6697" },
                new { address = "198.51.100.2", timestamp = "2026-12-01T09:00:00Z", sent = 3, rttMs = new[] { 1.0 } },
                new { address = "999.1.2.3", timestamp = 1_764_575_000, sent = 1, rttMs = Array.Empty<double>() },
                new { address = "10.1.2", timestamp = 1_764_575_000, sent = 1, rttMs = Array.Empty<double>() },
                new { address = "2001:db8::1", timestamp = 1_764_575_000, sent = 1, rttMs = Array.Empty<double>() },
                new { address = "224.0.0.1", timestamp = 1_764_575_000, sent = 1, rttMs = Array.Empty<double>() },
                new { address = "198.51.100.3", timestamp = 1_764_575_000, sent = 1, rttMs = new[] { 1.0, 2.0 } },
                new { address = "198.51.100.4", timestamp = 1_764_575_000, sent = 2, rttMs = new[] { 3.0 } },
                new { address = "198.51.100.5", timestamp = 1_764_575_000, sent = 2, rttMs = new[] { 3.0 } },
            },
        });

        var (accepted, refused) = ProbeResultsBatch.Read(body, Now, TimeSpan.FromMinutes(5), maxItems: 8);

        Assert.Equal(["198.51.100.1/BY/6697/3/12.5,13.5", "198.51.100.4//0/2/3"], accepted.Select(Describe));
        Assert.Equal([1, 2, 3, 4, 5, 6, 8], refused.Select(r => r.Index));
        Assert.Contains("in the future", refused[0].Reason, StringComparison.Ordinal);
        Assert.Contains("not an IP address", refused[1].Reason, StringComparison.Ordinal);
        Assert.Contains("not an IP address", refused[2].Reason, StringComparison.Ordinal);
        Assert.Contains("IPv6", refused[3].Reason, StringComparison.Ordinal);
        Assert.Contains("not a unicast address", refused[4].Reason, StringComparison.Ordinal);
        Assert.Contains("received = 2 of 1 sent", refused[5].Reason, StringComparison.Ordinal);
        Assert.Contains("over 8 items", refused[6].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ABrokenLineOfJsonLinesCostsOnlyItself()
    {
        var lines = File.ReadAllLines(AtlasFile).Take(3).ToList();
        lines.Insert(1, "{\"msm_id\":1000192, \"dst_addr\":");

        var (accepted, refused) = Read(Encoding.UTF8.GetBytes(string.Join('\n', lines)));

        Assert.Equal(3, accepted.Count);
        Assert.Equal(1, Assert.Single(refused).Index);
        Assert.StartsWith("not JSON", refused[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnItemWithInvalidUtf8IsRefusedAloneInsteadOfThrowingWhenRead()
    {
        // Found by the fuzzing pass (IntakeFuzzTests): the reader checks JSON's structure, not the octets inside a string.
        var good = Encoding.UTF8.GetBytes("{\"address\":\"198.51.100.1\",\"timestamp\":\"2026-12-01T07:59:00Z\",\"sent\":1,\"rttMs\":[1.0]}");
        var bad = Encoding.UTF8.GetBytes("{\"address\":\"198.51.100.2\",\"timestamp\":\"2026-12-01T07:59:00Z\",\"sent\":1,\"country\":\"X?\"}");
        bad[Array.LastIndexOf(bad, (byte)'?')] = 0xFF;

        var (accepted, refused) = Read([.. good, (byte)'\n', .. bad, (byte)'\n', .. good]);

        Assert.Equal(2, accepted.Count);
        Assert.Equal(1, Assert.Single(refused).Index);
        Assert.Contains("not UTF-8", refused[0].Reason, StringComparison.Ordinal);
    }

    private static (List<ProbeResult> Accepted, List<RefusedItem> Refused) Read(byte[] body) =>
        ProbeResultsBatch.Read(body, Now, TimeSpan.FromMinutes(5), maxItems: 10_000);

    private static int Index(string[] lines, string marker) => Array.FindIndex(lines, l => l.Contains(marker, StringComparison.Ordinal));

    private static string Describe(ProbeResult r) =>
        $"{r.Address >> 24}.{(r.Address >> 16) & 0xFF}.{(r.Address >> 8) & 0xFF}.{r.Address & 0xFF}/{r.Country}/{r.Asn}/{r.Sent}/{Rtts(r)}";

    private static string Rtts(ProbeResult r) => string.Join(',', r.RttsMs.Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
