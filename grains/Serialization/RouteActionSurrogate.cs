using Grid.Bgp.Model;

namespace Grid.Grains.Serialization;

/// <summary>How a <see cref="RouteAction"/> travels in a <see cref="Visibility.RouteBatch"/> (see <see cref="PrefixSurrogate"/>).</summary>
[GenerateSerializer, Alias("grid.RouteAction")]
public readonly struct RouteActionSurrogate(byte value)
{
    [Id(0)] public readonly byte Value = value;
}

[RegisterConverter]
public sealed class RouteActionSurrogateConverter : IConverter<RouteAction, RouteActionSurrogate>
{
    public RouteAction ConvertFromSurrogate(in RouteActionSurrogate surrogate) => (RouteAction)surrogate.Value;

    public RouteActionSurrogate ConvertToSurrogate(in RouteAction value) => new((byte)value);
}
