namespace Grid.Runtime;

/// <summary>
/// Another silo owns the grain (or it has just moved away): the call was not run here and is
/// retried at <see cref="OwnerSiloId"/>, or, when that is null, wherever placement now points.
/// </summary>
public sealed class GrainOwnedElsewhereException(GrainId grainId, string? ownerSiloId)
    : Exception(ownerSiloId is null ? $"{grainId} has moved away from this silo." : $"{grainId} is active on silo {ownerSiloId}.")
{
    public GrainId GrainId { get; } = grainId;

    public string? OwnerSiloId { get; } = ownerSiloId;
}
