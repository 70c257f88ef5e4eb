using Grid.Grains.Detection;
using Grid.Geography;
using Grid.Grains.Signals;
using Grid.Grains.Visibility;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Entities;

[GrainType("country")]
// Spread over the cluster: entities are many (75k ASes) and their detection ticks are the bulk of the work.
[Orleans.Placement.RandomPlacement]
public sealed class CountryGrain(
    [PersistentState("signals")] IPersistentState<EntityState> state,
    IOptions<SignalOptions> options,
    IOptions<VisibilityOptions> visibility,
    IGeography geography,
    DetectionServices detection,
    ILogger<EntityGrain> logger)
    : EntityGrain(state, options, visibility, detection, logger), ICountryGrain
{
    private HashSet<uint>? _origins;

    public Task<uint[]> OriginAsns() => Task.FromResult(State.OriginAsns.ToArray());

    protected override void OnOrigins(uint[] origins)
    {
        _origins ??= [.. State.OriginAsns];
        foreach (var origin in origins)
        {
            if (origin != 0 && _origins.Add(origin))
            {
                State.OriginAsns.Add(origin);
            }
        }
    }

    protected override (string? Name, string? Country) Describe() => (geography.CountryName(Key.CountryCode), Key.Code);
}
