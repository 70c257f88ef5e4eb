namespace Grid.Silo.Tests.Oracle;

/// <summary>
/// Each country's visible /24s through a replay: after the RIB, and after every update that
/// changed it. A country's count is the number of /24s touched by the parts of visible prefixes
/// that lie in its blocks (a /16 and a /24 inside it are 256; a /26 is one /24), counted afresh from
/// the visible prefixes that touch it whenever one of them comes or goes.
/// </summary>
internal sealed class CountryTimelines
{
    private readonly Dictionary<string, CountryTimeline> _countries = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, CountryTimeline> Countries => _countries;

    public static CountryTimelines Of(ReplayedVisibility replay, CountryMap geography)
    {
        var timelines = new CountryTimelines();
        // Per country, the visible prefixes with a part in it.
        var touching = new Dictionary<string, HashSet<AddressSpan>>(StringComparer.Ordinal);
        foreach (var prefix in replay.VisibleAfterRib)
        {
            foreach (var country in geography.PartsOf(prefix).Select(p => p.Country).Distinct())
            {
                (touching.TryGetValue(country, out var set) ? set : touching[country] = []).Add(prefix);
            }
        }

        foreach (var (country, prefixes) in touching)
        {
            timelines._countries[country] = new CountryTimeline(country, Count(country, prefixes, geography));
        }

        foreach (var (at, prefix, visible) in replay.Changes)
        {
            foreach (var country in geography.PartsOf(prefix).Select(p => p.Country).Distinct())
            {
                var prefixes = touching.TryGetValue(country, out var set) ? set : touching[country] = [];
                _ = visible ? prefixes.Add(prefix) : prefixes.Remove(prefix);
                if (!timelines._countries.TryGetValue(country, out var timeline))
                {
                    timelines._countries[country] = timeline = new CountryTimeline(country, 0);
                }

                timeline.Record(at, Count(country, prefixes, geography));
            }
        }

        return timelines;
    }

    /// <summary>The country's count at the end of the replay (0 for a country never seen).</summary>
    public long Final(string country) => _countries.TryGetValue(country, out var timeline) ? timeline.Final : 0;

    private static long Count(string country, IEnumerable<AddressSpan> prefixes, CountryMap geography) =>
        AddressSpan.Slash24s(prefixes.SelectMany(p => geography.PartsOf(p)).Where(p => p.Country == country).Select(p => p.Part));
}
