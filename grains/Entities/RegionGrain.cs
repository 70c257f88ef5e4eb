using Grid.Geography;
using Grid.Grains.Detection;
using Grid.Grains.Signals;
using Grid.Grains.Visibility;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Entities;

/// <summary>
/// A region: the same detection as a country's, over the signals given for it by name
/// (<c>POST /v1/signals</c>); its events carry the region and its country, and its country's
/// elections widen its watch. Prefix shards report its visible space as for a country, split by
/// the region data (Grid:Geo:Regions), and probe shards its probed /24s.
/// </summary>
[GrainType("region")]
// Spread over the cluster, as countries and ASes are.
[Orleans.Placement.RandomPlacement]
public sealed class RegionGrain(
    [PersistentState("signals")] IPersistentState<EntityState> state,
    IOptions<SignalOptions> options,
    IOptions<VisibilityOptions> visibility,
    IGeography geography,
    DetectionServices detection,
    ILogger<EntityGrain> logger)
    : EntityGrain(state, options, visibility, detection, logger), IRegionGrain
{
    /// <summary>75k ASes, some 3,400 regions: see <see cref="EntityGrain.IsOneOfThousands"/>.</summary>
    protected override bool IsOneOfThousands => true;

    protected override (string? Name, string? Country) Describe() =>
        (geography.Regions?.Find(Key.Code)?.Name ?? Key.Code[3..], Key.RegionCountry.ToString());
}
