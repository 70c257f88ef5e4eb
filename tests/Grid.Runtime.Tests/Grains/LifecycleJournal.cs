using System.Collections.Concurrent;

namespace Grid.Runtime.Tests.Grains;

/// <summary>Records lifecycle events of test grains, so tests can see activations and deactivations happen.</summary>
public sealed class LifecycleJournal
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public volatile bool FailActivation;

    public void Add(string entry) => _entries.Enqueue(entry);

    public int Count(string entry) => _entries.Count(e => e == entry);
}
