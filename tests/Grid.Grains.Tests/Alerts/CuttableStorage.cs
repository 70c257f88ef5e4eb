using Grid.Runtime;
using Grid.Runtime.State;

namespace Grid.Grains.Tests.Alerts;

/// <summary>
/// Real in-memory grain storage, shared by two silos in turn, that a test can cut where a silo
/// dies: after <see cref="Cut"/> nothing the first silo writes lands any more (kill -9 leaves no
/// last writes), and <see cref="DieAfterNextWrite"/> lets one more write of a state land and then
/// fails it, as a process killed between its write and its next step.
/// </summary>
internal sealed class CuttableStorage : IGrainStorage
{
    private readonly MemoryGrainStorage _stored = new();
    private volatile bool _cut;
    private volatile string? _dieAfter;

    /// <summary>A second view of the same records, for the silo that adopts the grains.</summary>
    public IGrainStorage Survivor => _stored;

    public bool IsCut => _cut;

    public void Cut() => _cut = true;

    /// <summary>Writes land again: the grain whose silo died has been adopted elsewhere, on the same storage.</summary>
    public void Heal() => _cut = false;

    public void DieAfterNextWrite(string stateName) => _dieAfter = stateName;

    public Task InitializeAsync(CancellationToken cancellationToken) => _stored.InitializeAsync(cancellationToken);

    public Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken) =>
        _stored.ReadAsync(grainId, stateName, cancellationToken);

    public async Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        if (_cut)
        {
            throw new StorageCutException();
        }

        var etag = await _stored.WriteAsync(grainId, stateName, payload, expectedEtag, cancellationToken);
        if (_dieAfter == stateName)
        {
            _cut = true;
            throw new StorageCutException();
        }

        return etag;
    }

    public Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken) =>
        _cut ? throw new StorageCutException() : _stored.ClearAsync(grainId, stateName, expectedEtag, cancellationToken);
}

/// <summary>Thrown by a write of a silo that is dead.</summary>
internal sealed class StorageCutException : Exception
{
    public StorageCutException()
        : base("the silo is dead: its storage is cut")
    {
    }

    public StorageCutException(string message)
        : base(message)
    {
    }

    public StorageCutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
