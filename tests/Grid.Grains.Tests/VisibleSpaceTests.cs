using Grid.Bgp.Model;
using Grid.Grains.Signals;

namespace Grid.Grains.Tests;

public sealed class VisibleSpaceTests
{
    [Fact]
    public void ASlash16AndASlash24InsideItCount256()
    {
        var space = new VisibleSpace(24);

        space.Add(Prefix.Parse("100.64.0.0/16"));
        space.Add(Prefix.Parse("100.64.7.0/24"));

        Assert.Equal(256, space.Blocks);
    }

    [Fact]
    public void MoreSpecificsAddedFirstAreAbsorbedByTheirCover()
    {
        var space = new VisibleSpace(24);
        space.Add(Prefix.Parse("100.64.1.0/24"));
        space.Add(Prefix.Parse("100.64.2.0/23"));
        Assert.Equal(3, space.Blocks);

        space.Add(Prefix.Parse("100.64.0.0/22"));
        Assert.Equal(4, space.Blocks);

        space.Remove(Prefix.Parse("100.64.0.0/22"));
        Assert.Equal(3, space.Blocks);
    }

    [Fact]
    public void PrefixesLongerThanTheUnitCountTheirBlockOnce()
    {
        var space = new VisibleSpace(24);
        space.Add(Prefix.Parse("100.64.1.0/25"));
        space.Add(Prefix.Parse("100.64.1.128/25"));
        Assert.Equal(1, space.Blocks);

        space.Remove(Prefix.Parse("100.64.1.0/25"));
        Assert.Equal(1, space.Blocks);
        space.Remove(Prefix.Parse("100.64.1.128/25"));
        Assert.Equal(0, space.Blocks);
    }

    [Fact]
    public void IPv6CountsSlash48s()
    {
        var space = new VisibleSpace(48);

        space.Add(Prefix.Parse("2001:db8::/32"));
        space.Add(Prefix.Parse("2001:db9::/48"));

        Assert.Equal(65537, space.Blocks);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void AlwaysEqualsABruteForceUnionUnderRandomAddsAndRemoves(int seed)
    {
        var random = new Random(seed);
        var space = new VisibleSpace(24);
        var held = new List<Prefix>();
        for (var step = 0; step < 3000; step++)
        {
            if (held.Count > 0 && random.NextDouble() < 0.4)
            {
                var index = random.Next(held.Count);
                space.Remove(held[index]);
                held.RemoveAt(index);
            }
            else
            {
                // A small space (10.0.0.0/16) so that nesting and duplicates are common.
                var length = random.Next(16, 27);
                var address = (10u << 24) | ((uint)random.Next(1 << 16) & ~((1u << (32 - length)) - 1) & 0xFFFF);
                var prefix = Prefix.IPv4(address, length);
                space.Add(prefix);
                held.Add(prefix);
            }

            if (step % 100 == 0)
            {
                Assert.Equal(BruteForceSlash24s(held), space.Blocks);
            }
        }

        Assert.Equal(BruteForceSlash24s(held), space.Blocks);
    }

    private static long BruteForceSlash24s(IEnumerable<Prefix> prefixes)
    {
        var blocks = new HashSet<uint>();
        foreach (var prefix in prefixes)
        {
            var first = prefix.IPv4Address >> 8;
            var count = prefix.Length >= 24 ? 1u : 1u << (24 - prefix.Length);
            for (var i = 0u; i < count; i++)
            {
                blocks.Add(first + i);
            }
        }

        return blocks.Count;
    }
}
