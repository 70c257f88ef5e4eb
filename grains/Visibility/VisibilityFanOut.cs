using Grid.Grains.Entities;
using Grid.Grains.Geography;
using Grid.Runtime;

namespace Grid.Grains.Visibility;

/// <summary>
/// Groups a shard's transitions by entity: the origin AS gets the whole prefix; each country gets
/// the pieces of the prefix that geography places in it. One call per entity per shard turn.
/// </summary>
public sealed class VisibilityFanOut(IGeography geography)
{
    public Task SendAsync(IGrainFactory grains, IReadOnlyList<VisibilityTransition> transitions, DateTimeOffset at)
    {
        var byAs = new Dictionary<uint, List<PrefixDelta>>();
        var byCountry = new Dictionary<CountryCode, List<PrefixDelta>>();
        var pieces = new List<CountryBlock>();
        foreach (var transition in transitions)
        {
            if (transition.OriginAsn != 0)
            {
                Add(byAs, transition.OriginAsn, new PrefixDelta(transition.Prefix, transition.Sign));
            }

            pieces.Clear();
            geography.Split(transition.Prefix, pieces);
            foreach (var (piece, country) in pieces)
            {
                Add(byCountry, country, new PrefixDelta(piece, transition.Sign, transition.OriginAsn));
            }
        }

        var calls = new List<Task>(byAs.Count + byCountry.Count);
        foreach (var (asn, changes) in byAs)
        {
            calls.Add(grains.GetGrain<IAsGrain>(EntityKeys.As(asn)).ApplyVisibility(new VisibilityDelta(at, [.. changes])));
        }

        foreach (var (country, changes) in byCountry)
        {
            calls.Add(grains.GetGrain<ICountryGrain>(EntityKeys.Country(country)).ApplyVisibility(new VisibilityDelta(at, [.. changes])));
        }

        return Task.WhenAll(calls);
    }

    private static void Add<TKey>(Dictionary<TKey, List<PrefixDelta>> groups, TKey key, PrefixDelta delta)
        where TKey : notnull
    {
        if (!groups.TryGetValue(key, out var list))
        {
            list = [];
            groups.Add(key, list);
        }

        list.Add(delta);
    }
}
