using Grid.Geography;

namespace Grid.Grains.Serialization;

/// <summary>
/// How a <see cref="CountryCode"/> crosses a grain boundary or is persisted (probe observations and
/// the probe shards' block tables): its two letters, empty for a code not given.
/// </summary>
[GenerateSerializer, Alias("grid.CountryCode")]
public readonly struct CountryCodeSurrogate(string code)
{
    [Id(0)] public readonly string Code = code;
}

[RegisterConverter]
public sealed class CountryCodeSurrogateConverter : IConverter<CountryCode, CountryCodeSurrogate>
{
    public CountryCode ConvertFromSurrogate(in CountryCodeSurrogate surrogate) =>
        CountryCode.TryParse(surrogate.Code, out var code) ? code : default;

    public CountryCodeSurrogate ConvertToSurrogate(in CountryCode value) => new(value.ToString());
}
