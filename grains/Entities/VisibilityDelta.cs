using Grid.Bgp.Model;

namespace Grid.Grains.Entities;

/// <summary>A prefix of the entity became visible (+1) or stopped being visible (-1), and the AS that originates it.</summary>
[GenerateSerializer, Alias("grid.PrefixDelta")]
public readonly record struct PrefixDelta([property: Id(0)] Prefix Prefix, [property: Id(1)] int Sign, [property: Id(2)] uint OriginAsn = 0);

/// <summary>
/// The visibility changes one shard turn produced for one entity, at event time, under the
/// collector's <paramref name="Epoch"/> (see <see cref="Visibility.VisibilityEpoch"/>). With no
/// changes and <paramref name="Rebuilding"/> false it only says "the epoch's table is loaded".
/// </summary>
[GenerateSerializer, Alias("grid.VisibilityDelta")]
public sealed record VisibilityDelta([property: Id(0)] DateTimeOffset At, [property: Id(1)] PrefixDelta[] Changes, [property: Id(2)] long Epoch = 0, [property: Id(3)] bool Rebuilding = false);
