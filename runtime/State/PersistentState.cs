using Grid.Runtime.Serialization;

namespace Grid.Runtime.State;

/// <summary>The runtime's <see cref="IPersistentState{TState}"/>: JSON through <see cref="GridSerializer"/> into an <see cref="IGrainStorage"/>.</summary>
internal sealed class PersistentState<TState>(GrainId grainId, string stateName, IGrainStorage storage, GridSerializer serializer)
    : IPersistentState<TState>
{
    public TState State { get; set; } = Activator.CreateInstance<TState>();

    public string? Etag { get; private set; }

    public bool RecordExists => Etag is not null;

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var record = await storage.ReadAsync(grainId, stateName, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            State = Activator.CreateInstance<TState>();
            Etag = null;
            return;
        }

        State = (TState)serializer.Deserialize(record.Payload, typeof(TState))!;
        Etag = record.Etag;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var payload = serializer.Serialize(State, typeof(TState));
        Etag = await storage.WriteAsync(grainId, stateName, payload, Etag, cancellationToken).ConfigureAwait(false);
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await storage.ClearAsync(grainId, stateName, Etag, cancellationToken).ConfigureAwait(false);
        State = Activator.CreateInstance<TState>();
        Etag = null;
    }
}
