using Grid.Grains.Detection;
using Grid.Geography;
using Grid.Grains.Signals;
using Grid.Grains.Visibility;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Entities;

[GrainType("as")]
// Spread over the cluster: entities are many (75k ASes) and their detection ticks are the bulk of the work.
[Orleans.Placement.RandomPlacement]
public sealed class AsGrain(
    [PersistentState("signals")] IPersistentState<EntityState> state,
    IOptions<SignalOptions> options,
    IOptions<VisibilityOptions> visibility,
    IGeography geography,
    DetectionServices detection,
    ILogger<EntityGrain> logger)
    : EntityGrain(state, options, visibility, detection, logger), IAsGrain
{
    /// <summary>75k ASes asking the calendar every tick would be wasteful: every tenth tick is soon enough.</summary>
    protected override int ElectionRefreshTicks => 10;

    /// <summary>
    /// An AS writes its shard list at the next step: one adopted within a step of its first reports
    /// learns its shards again from their next change.
    /// </summary>
    protected override bool PersistsNewShardsAtOnce => false;

    protected override (string? Name, string? Country) Describe()
    {
        var country = geography.CountryOfAsn(Key.Asn);
        return (geography.AsName(Key.Asn), country.IsUnknown ? null : country.ToString());
    }
}
