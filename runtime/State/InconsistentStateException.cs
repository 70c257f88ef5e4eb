namespace Grid.Runtime.State;

/// <summary>
/// A state write or clear named an etag that is no longer current: another activation (or a
/// stale owner, in a cluster) wrote in between. Re-read the state before trying again.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException(GrainId grainId, string stateName, string? expectedEtag, string? storedEtag)
        : this(
            $"State '{stateName}' of {grainId} changed underneath: expected etag {expectedEtag ?? "(none)"}, stored {storedEtag ?? "(none)"}. Re-read the state before writing.",
            grainId,
            expectedEtag,
            storedEtag)
    {
    }

    private InconsistentStateException(string message, GrainId grainId, string? expectedEtag, string? storedEtag)
        : base(message)
    {
        GrainId = grainId;
        ExpectedEtag = expectedEtag;
        StoredEtag = storedEtag;
    }

    public GrainId GrainId { get; }

    public string? ExpectedEtag { get; }

    public string? StoredEtag { get; }

    /// <summary>True when the etag matched but the writer no longer owns the grain (its fencing token is stale).</summary>
    public bool Fenced { get; private init; }

    /// <summary>The writer's claim on the grain is gone: the cluster gave the grain to another silo (e.g. after declaring this one dead).</summary>
    public static InconsistentStateException StaleOwner(GrainId grainId, string stateName, string? etag) =>
        new($"State '{stateName}' of {grainId} was not written: this activation no longer owns the grain (its fencing token is stale), so another silo may run it now.", grainId, etag, etag)
        {
            Fenced = true,
        };
}
