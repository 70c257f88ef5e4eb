using System.Globalization;

namespace Grid.Runtime.State;

/// <summary>
/// In-process storage for the default profile and tests. It keeps serialized payloads, not
/// objects, so it behaves like PostgreSQL: no shared references, same etag rules.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly Dictionary<(GrainId, string), GrainStateRecord> _records = [];
    private readonly Lock _gate = new();
    private long _version;

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_records.GetValueOrDefault((grainId, stateName)));
        }
    }

    public Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            CheckEtag(grainId, stateName, expectedEtag);
            var etag = (++_version).ToString(CultureInfo.InvariantCulture);
            _records[(grainId, stateName)] = new GrainStateRecord(payload.ToArray(), etag);
            return Task.FromResult(etag);
        }
    }

    public Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            CheckEtag(grainId, stateName, expectedEtag);
            _records.Remove((grainId, stateName));
            return Task.CompletedTask;
        }
    }

    private void CheckEtag(GrainId grainId, string stateName, string? expectedEtag)
    {
        var stored = _records.GetValueOrDefault((grainId, stateName))?.Etag;
        if (stored != expectedEtag)
        {
            throw new InconsistentStateException(grainId, stateName, expectedEtag, stored);
        }
    }
}
