using Grid.Grains.Geography;
using Grid.Grains.Signals;
using Grid.Runtime;
using Grid.Runtime.State;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Entities;

[GrainType("country")]
public sealed class CountryGrain(
    [PersistentState("signals")] IPersistentState<EntityState> state,
    IOptions<SignalOptions> options,
    IGeography geography)
    : EntityGrain(state, options), ICountryGrain
{
    protected override string Kind => "country";

    protected override (string? Name, string? Country) Describe() =>
        (CountryCode.TryParse(GetPrimaryKeyString(), out var code) ? geography.CountryName(code) : null, GetPrimaryKeyString());
}
