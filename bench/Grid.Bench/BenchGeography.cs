using Grid.Geography;
using Grid.Testing.Data;

namespace Grid.Bench;

/// <summary>The real RIR data from ../shared/data/rir when present, so shard loads pay for real country splits.</summary>
internal static class BenchGeography
{
    public static IGeography Load()
    {
        var rir = SharedData.PathOf("rir");
        if (Directory.Exists(rir))
        {
            return GeoDatabase.Load(rir);
        }

        Console.Error.WriteLine($"{rir} not found: the shard load runs without geography (all ZZ)");
        return new UnknownGeography();
    }
}
