using Grid.Testing.Lab;

namespace Grid.Bgp.Tests.Lab;

/// <summary>
/// One capture per collector, shared by the facts of its test class: a country of 200 IPv4 and
/// 50 IPv6 prefixes announced, withdrawn and announced again, decoded with bgpdump.
/// </summary>
public abstract class CaptureFixture(BgpDaemon collector) : IAsyncLifetime
{
    public static readonly CountryPrefixSet Set = CountryPrefixSet.Country(ipv4: 200, ipv6: 50, seed: 7);

    public MrtCapture Capture { get; private set; } = null!;

    public List<BgpdumpLine> Rib { get; private set; } = [];

    public List<BgpdumpLine> Updates { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Capture = await MrtCapture.RecordAsync(collector, Set);
        Rib = await Bgpdump.ReadAsync(Capture.RibDumpFile);
        Updates = await Bgpdump.ReadAsync(Capture.UpdatesFile);
    }

    public Task DisposeAsync()
    {
        Capture?.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class BirdCapture() : CaptureFixture(BgpDaemon.Bird);

public sealed class GoBgpCapture() : CaptureFixture(BgpDaemon.GoBgp);

public sealed class FrrCapture() : CaptureFixture(BgpDaemon.Frr);
