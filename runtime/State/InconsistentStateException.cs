namespace Grid.Runtime.State;

/// <summary>
/// A state write or clear named an etag that is no longer current: another activation (or a
/// stale owner, in a cluster) wrote in between. Re-read the state before trying again.
/// </summary>
public sealed class InconsistentStateException(GrainId grainId, string stateName, string? expectedEtag, string? storedEtag)
    : Exception($"State '{stateName}' of {grainId} changed underneath: expected etag {expectedEtag ?? "(none)"}, stored {storedEtag ?? "(none)"}. Re-read the state before writing.")
{
    public GrainId GrainId { get; } = grainId;

    public string? ExpectedEtag { get; } = expectedEtag;

    public string? StoredEtag { get; } = storedEtag;
}
