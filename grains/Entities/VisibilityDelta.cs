using Grid.Bgp.Model;

namespace Grid.Grains.Entities;

/// <summary>A prefix of the entity became visible (+1) or stopped being visible (-1), and the AS that originates it.</summary>
public readonly record struct PrefixDelta(Prefix Prefix, int Sign, uint OriginAsn = 0);

/// <summary>
/// The visibility changes one shard turn produced for one entity, at event time, under the
/// collector's <paramref name="Epoch"/> (see <see cref="Visibility.VisibilityEpoch"/>). With no
/// changes and <paramref name="Rebuilding"/> false it only says "the epoch's table is loaded".
/// </summary>
public sealed record VisibilityDelta(DateTimeOffset At, PrefixDelta[] Changes, long Epoch = 0, bool Rebuilding = false);
