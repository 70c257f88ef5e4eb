using Grid.Bgp.Model;

namespace Grid.Grains.Serialization;

/// <summary>
/// How a <see cref="Prefix"/> crosses a grain boundary or is persisted: Grid.Bgp holds wire formats
/// only and knows nothing of Orleans, so its value types travel as surrogates declared here.
/// </summary>
[GenerateSerializer, Alias("grid.Prefix")]
public readonly struct PrefixSurrogate
{
    [Id(0)] public readonly ulong High;
    [Id(1)] public readonly ulong Low;
    [Id(2)] public readonly byte Length;
    [Id(3)] public readonly bool IsIPv4;

    public PrefixSurrogate(ulong high, ulong low, byte length, bool isIPv4)
    {
        High = high;
        Low = low;
        Length = length;
        IsIPv4 = isIPv4;
    }
}

[RegisterConverter]
public sealed class PrefixSurrogateConverter : IConverter<Prefix, PrefixSurrogate>
{
    public Prefix ConvertFromSurrogate(in PrefixSurrogate surrogate)
    {
        var bits = new UInt128(surrogate.High, surrogate.Low);
        return surrogate.IsIPv4 ? Prefix.IPv4((uint)(bits >> 96), surrogate.Length) : Prefix.IPv6(bits, surrogate.Length);
    }

    public PrefixSurrogate ConvertToSurrogate(in Prefix value) =>
        new((ulong)(value.Bits >> 64), (ulong)value.Bits, value.Length, value.IsIPv4);
}
