namespace Grid.Runtime.State;

/// <summary>
/// Where grain state lives. A record is an opaque JSON payload plus an etag; every write and clear
/// names the etag it expects, and a mismatch throws <see cref="InconsistentStateException"/>.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Creates tables and checks reachability; called once at silo start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken);

    /// <summary>Writes the payload if the stored etag equals <paramref name="expectedEtag"/> (null: no record yet); returns the new etag.</summary>
    Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken);

    Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken);
}

/// <summary>A stored state: its JSON payload and its etag.</summary>
public sealed record GrainStateRecord(byte[] Payload, string Etag);
