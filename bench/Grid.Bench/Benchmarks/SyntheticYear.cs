using Grid.Geography;
using Grid.Grains.Backtesting;
using Grid.Grains.Entities;

namespace Grid.Bench.Benchmarks;

/// <summary>
/// A year of hourly points of one probing signal per entity, deterministic from a seed, with
/// outages injected for detection to find. Each entity has a level (50–5,000 /24s up), a daily
/// swing of 5–12 % and ±3 % noise: the trough stays above the probes warning ratio (0.8) and the
/// outlier band (0.8–2 × median), so only the injected drops (to 10–30 % for 3–12 hours, 2–6 per
/// entity, none in the first 8 days, while the 7-day baseline fills) are outages. The points come
/// sorted by time with the entities interleaved, as a series CSV written hour by hour would be.
/// </summary>
internal sealed class SyntheticYear
{
    public const string Signal = "answers";

    public const int Hours = 365 * 24;

    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public SyntheticYear(IReadOnlyList<EntityKey> entities, int seed = 2025)
    {
        var random = new Random(seed);
        var values = new long[entities.Count][];
        var outages = new List<TruthInterval>();
        for (var e = 0; e < entities.Count; e++)
        {
            values[e] = Series(random, out var dropped);
            outages.AddRange(dropped.Select(d => new TruthInterval(entities[e], Start.AddHours(d.Hour), Start.AddHours(d.Hour + d.Hours), "injected")));
        }

        Points = new SeriesPoint[Hours * entities.Count];
        for (var hour = 0; hour < Hours; hour++)
        {
            var at = Start.AddHours(hour);
            for (var e = 0; e < entities.Count; e++)
            {
                Points[(hour * entities.Count) + e] = new SeriesPoint(at, entities[e], Signal, values[e][hour]);
            }
        }

        Outages = outages;
    }

    public SeriesPoint[] Points { get; }

    public IReadOnlyList<TruthInterval> Outages { get; }

    /// <summary>The 249 countries ISO assigns (not RIRs' EU and AP) and one AS, AS6697: 250 entities.</summary>
    public static IReadOnlyList<EntityKey> Watched() =>
    [
        .. CountryNames.Codes.Where(c => c.ToString() is not ("EU" or "AP")).Select(EntityKey.Country),
        EntityKey.As(6697),
    ];

    private static long[] Series(Random random, out List<(int Hour, int Hours)> outages)
    {
        var level = random.Next(50, 5_001);
        var swing = 0.05 + (0.07 * random.NextDouble());
        var phase = random.Next(24);
        var values = new long[Hours];
        for (var hour = 0; hour < Hours; hour++)
        {
            var daily = 1 + (swing * Math.Sin(2 * Math.PI * (hour + phase) / 24));
            var noise = 1 + (0.06 * (random.NextDouble() - 0.5));
            values[hour] = (long)Math.Round(level * daily * noise);
        }

        // One outage per equal slot of the year after the first 8 days, so none overlap.
        outages = [];
        var count = random.Next(2, 7);
        var first = 8 * 24;
        var slot = (Hours - first - 24) / count;
        for (var i = 0; i < count; i++)
        {
            var start = first + (i * slot) + random.Next(slot - 12);
            var length = random.Next(3, 13);
            var left = 0.1 + (0.2 * random.NextDouble());
            for (var hour = start; hour < start + length; hour++)
            {
                values[hour] = (long)Math.Round(values[hour] * left);
            }

            outages.Add((start, length));
        }

        return values;
    }
}
