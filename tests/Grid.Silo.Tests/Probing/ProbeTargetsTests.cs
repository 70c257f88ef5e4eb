using Grid.Geography;
using Grid.Grains.Probing;
using Grid.Silo.Feeds.Probing;

namespace Grid.Silo.Tests.Probing;

public sealed class ProbeTargetsTests
{
    private static readonly CountryCode Xa = CountryCode.Parse("XA");

    [Fact]
    public void AddressesOfOneSlash24AreOneBlockProbedRoundRobin()
    {
        var targets = new ProbeTargets();
        var blocks = targets.Add(
        [
            new HitlistEntry(Address(10, 1, 2, 1), Xa, 6697),
            new HitlistEntry(Address(10, 1, 2, 77), Xa, 6697),
            new HitlistEntry(Address(10, 1, 3, 1), Xa, 6697),
            new HitlistEntry(Address(10, 1, 2, 200), Xa, 6697),
            new HitlistEntry(Address(10, 1, 2, 77), Xa, 6697),
        ]);

        Assert.Equal((2, 2, 4), (blocks, targets.Count, targets.Addresses));
        Assert.Equal(3, targets.TargetCount(0));
        Assert.Equal([Address(10, 1, 2, 1), Address(10, 1, 2, 77), Address(10, 1, 2, 200), Address(10, 1, 2, 1)],
            Enumerable.Range(0, 4).Select(_ => targets.NextTarget(0)));
    }

    [Fact]
    public void AProbeGoesToItsShardWithTheBlocksFirstEntityAndAvailability()
    {
        var targets = new ProbeTargets();
        // 62.2.16.0/24 without a country: its probe shard places it (the shard's geography, ProbeShardTests).
        targets.Add([new HitlistEntry(0x3E02100C, null, 0), new HitlistEntry(0x3E021018, Xa, 64500, 0.3), new HitlistEntry(Address(10, 0, 0, 1), Xa, 64500, 0.9)]);

        Assert.Equal(new ProbeObservation(0x3E021000, default, 0, (float)TrinocularBelief.DefaultAvailability, 1, 1, 12.5f, 1), targets.Observation(0, replied: true, 12.5));
        Assert.Equal(new ProbeObservation(Address(10, 0, 0, 0), Xa, 64500, 0.9f, 1, 0, 0, 0), targets.Observation(1, replied: false, double.NaN));
        Assert.Equal("62.0.0.0/8", ProbeShards.KeyOf(targets.Network(0)));
    }

    private static uint Address(byte a, byte b, byte c, byte d) => ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d;
}
