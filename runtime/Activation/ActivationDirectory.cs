using System.Collections.Concurrent;

namespace Grid.Runtime.Activation;

/// <summary>
/// This silo's activations, one per grain id. Creating an activation has no side effects until
/// its first turn is posted, so a lost GetOrAdd race leaves only garbage, never a second grain.
/// </summary>
internal sealed class ActivationDirectory(GrainRuntime runtime)
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();

    public int Count => _activations.Count;

    public IEnumerable<GrainActivation> All => _activations.Values;

    public bool Contains(GrainId id) => _activations.ContainsKey(id);

    public GrainActivation GetOrCreate(GrainId id) =>
        _activations.TryGetValue(id, out var existing)
            ? existing
            : _activations.GetOrAdd(id, static (key, rt) => new GrainActivation(key, rt.Registry.ClassNamed(key.Type), rt), runtime);

    public void Remove(GrainActivation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(activation.Id, activation));

    /// <summary>Swaps a departed activation for a successor that already holds its queued work.</summary>
    public void Replace(GrainActivation departed, IReadOnlyList<IActivationWorkItem> carriedOver, bool movedAway = false)
    {
        if (movedAway)
        {
            Remove(departed);
            foreach (var item in carriedOver)
            {
                item.Fail(new GrainOwnedElsewhereException(departed.Id, ownerSiloId: null));
            }

            return;
        }

        if (carriedOver.Count == 0 || runtime.IsStopping)
        {
            Remove(departed);
            foreach (var item in carriedOver)
            {
                item.Fail(new SiloUnavailableException($"The silo is shutting down; {departed.Id} was deactivated before this call ran."));
            }

            return;
        }

        var successor = new GrainActivation(departed.Id, departed.Class, runtime);
        successor.Carry(carriedOver);
        _activations.TryUpdate(departed.Id, successor, departed);
        successor.StartCarried();
    }
}
