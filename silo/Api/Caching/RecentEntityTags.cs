using System.Collections.Concurrent;

namespace Grid.Silo.Api.Caching;

/// <summary>
/// The last tagged body of each cacheable path. Pollers mostly get the bytes they got before (a
/// status changes at most once a tick), and comparing them with the last body costs a fraction of
/// hashing them again with FNV-1a, a byte at a time. A tag is reused only for identical bytes, so
/// it is always <see cref="EntityTag.Of"/> of the body sent. At most <see cref="Capacity"/> paths
/// are kept; past that, new paths are hashed every time.
/// </summary>
public sealed class RecentEntityTags
{
    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, Tagged> _last = new(StringComparer.Ordinal);

    public string TagOf(string path, byte[] body)
    {
        // The same array when the body came from LocalStatusCache: no comparison needed.
        if (_last.TryGetValue(path, out var last) && (ReferenceEquals(last.Body, body) || last.Body.AsSpan().SequenceEqual(body)))
        {
            return last.Tag;
        }

        var tagged = new Tagged(body, EntityTag.Of(body));
        if (last is not null || _last.Count < Capacity)
        {
            _last[path] = tagged;
        }

        return tagged.Tag;
    }

    private sealed record Tagged(byte[] Body, string Tag);
}
