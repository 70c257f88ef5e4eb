using Grid.Bgp.Messages;

namespace Grid.Bgp.Bmp.Model;

/// <summary>One Stat TLV (RFC 7854 §4.8): a counter or gauge, per family for the per-AFI/SAFI types.</summary>
/// <param name="StatisticType">The Stat Type; may be one not named in <see cref="BmpStatisticType"/>.</param>
/// <param name="Value">The 32-bit counter or 64-bit gauge.</param>
/// <param name="Family">The AFI/SAFI of per-family gauges; null otherwise.</param>
public readonly record struct BmpStatistic(BmpStatisticType StatisticType, ulong Value, BgpFamily? Family = null);
