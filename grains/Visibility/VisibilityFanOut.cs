using Grid.Bgp.Model;
using Grid.Grains.Entities;
using Grid.Grains.Geography;
using Grid.Grains.Hosting;

namespace Grid.Grains.Visibility;

/// <summary>
/// Groups a shard's transitions by entity: the origin AS gets the whole prefix; each country gets
/// the pieces of the prefix that geography places in it. One call per entity per shard turn.
/// </summary>
public sealed class VisibilityFanOut(IGeography geography)
{
    public Task SendAsync(IGrainFactory grains, IReadOnlyList<VisibilityTransition> transitions, DateTimeOffset at, long epoch = 0, bool rebuilding = false)
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
            var delta = new VisibilityDelta(at, [.. changes], epoch, rebuilding);
            var entity = grains.GetGrain<IAsGrain>(EntityKeys.As(asn));
            calls.Add(SiloLossRetry.RunAsync(() => entity.ApplyVisibility(delta)));
        }

        foreach (var (country, changes) in byCountry)
        {
            var delta = new VisibilityDelta(at, [.. changes], epoch, rebuilding);
            var entity = grains.GetGrain<ICountryGrain>(EntityKeys.Country(country));
            calls.Add(SiloLossRetry.RunAsync(() => entity.ApplyVisibility(delta)));
        }

        return Task.WhenAll(calls);
    }

    /// <summary>
    /// Tells every entity that owns one of <paramref name="visible"/> (its origin AS, the countries
    /// of its pieces) that <paramref name="epoch"/>'s table is loaded: one empty delta each, which
    /// ends the entity's hold (<see cref="VisibilityEpoch"/>).
    /// </summary>
    public Task SendLoadedAsync(IGrainFactory grains, IEnumerable<(Prefix Prefix, uint OriginAsn)> visible, DateTimeOffset at, long epoch)
    {
        var ases = new HashSet<uint>();
        var countries = new HashSet<CountryCode>();
        var pieces = new List<CountryBlock>();
        foreach (var (prefix, origin) in visible)
        {
            if (origin != 0)
            {
                ases.Add(origin);
            }

            pieces.Clear();
            geography.Split(prefix, pieces);
            foreach (var (_, country) in pieces)
            {
                countries.Add(country);
            }
        }

        var loaded = new VisibilityDelta(at, [], epoch, Rebuilding: false);
        return Task.WhenAll(
            ases.Select(asn => SiloLossRetry.RunAsync(() => grains.GetGrain<IAsGrain>(EntityKeys.As(asn)).ApplyVisibility(loaded)))
                .Concat(countries.Select(country => SiloLossRetry.RunAsync(() => grains.GetGrain<ICountryGrain>(EntityKeys.Country(country)).ApplyVisibility(loaded)))));
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
