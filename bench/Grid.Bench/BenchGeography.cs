using Grid.Grains.Geography;

namespace Grid.Bench;

/// <summary>The real RIR data from ../shared/data/rir when present, so shard loads pay for real country splits.</summary>
internal static class BenchGeography
{
    public static IGeography Load()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var rir = Path.Combine(dir.FullName, "..", "shared", "data", "rir");
            if (File.Exists(Path.Combine(dir.FullName, "Grid.sln")) && Directory.Exists(rir))
            {
                return GeoDatabase.Load(rir);
            }
        }

        Console.Error.WriteLine("../shared/data/rir not found: shard load runs without geography (all ZZ)");
        return new UnknownGeography();
    }
}
