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
    /// <summary>75k ASes, some 3,400 regions: see <see cref="EntityGrain.IsOneOfThousands"/>.</summary>
    protected override bool IsOneOfThousands => true;

    protected override (string? Name, string? Country) Describe()
    {
        var country = geography.CountryOfAsn(Key.Asn);
        return (geography.AsName(Key.Asn), country.IsUnknown ? null : country.ToString());
    }
}
