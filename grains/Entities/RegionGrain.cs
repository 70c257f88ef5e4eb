using Grid.Grains.Detection;
using Grid.Grains.Signals;
using Grid.Grains.Visibility;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Entities;

/// <summary>
/// A region: the same detection as a country's, over the signals given for it by name
/// (<c>POST /v1/signals</c>); its events carry the region and its country, and its country's
/// elections widen its watch. BGP and probes split by region come with region geography.
/// </summary>
[GrainType("region")]
// Spread over the cluster, as countries and ASes are.
[Orleans.Placement.RandomPlacement]
public sealed class RegionGrain(
    [PersistentState("signals")] IPersistentState<EntityState> state,
    IOptions<SignalOptions> options,
    IOptions<VisibilityOptions> visibility,
    DetectionServices detection,
    ILogger<EntityGrain> logger)
    : EntityGrain(state, options, visibility, detection, logger), IRegionGrain
{
    protected override (string? Name, string? Country) Describe() => (Key.Code[3..], Key.RegionCountry.ToString());
}
