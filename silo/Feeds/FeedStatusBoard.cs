using System.Collections.Concurrent;

namespace Grid.Silo.Feeds;

/// <summary>Every feed's latest status, written by the feeds and read by the API.</summary>
public sealed class FeedStatusBoard
{
    private readonly ConcurrentDictionary<string, FeedStatus> _feeds = new(StringComparer.Ordinal);

    public IReadOnlyList<FeedStatus> All => [.. _feeds.Values.OrderBy(f => f.Name, StringComparer.Ordinal)];

    public void Set(string name, string state, string? detail = null) =>
        _feeds.AddOrUpdate(
            name,
            _ => new FeedStatus(name, state, detail, DateTimeOffset.UtcNow, null, 0),
            (_, old) => old with { State = state, Detail = detail, ChangedAt = old.State == state ? old.ChangedAt : DateTimeOffset.UtcNow });

    public void Progress(string name, long elements, DateTimeOffset lastMessageAt) =>
        _feeds.AddOrUpdate(
            name,
            _ => new FeedStatus(name, FeedStates.Running, null, DateTimeOffset.UtcNow, lastMessageAt, elements),
            (_, old) => old with { Elements = elements, LastMessageAt = lastMessageAt });
}
