using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace Grid.Client.Http;

/// <summary>
/// The last status read from each URL with its entity tag. The next read sends <c>If-None-Match</c>
/// (RFC 9110 §13.1.2) and a 304 (§15.4.5) is answered from here, so polling an unchanged status
/// costs the server no serialization and the network no body.
/// </summary>
internal sealed class StatusCache<T>
{
    private readonly ConcurrentDictionary<Uri, (EntityTagHeaderValue Tag, T Value)> _entries = new();

    public void AddCondition(HttpRequestMessage request)
    {
        if (_entries.TryGetValue(request.RequestUri!, out var entry))
        {
            request.Headers.IfNoneMatch.Add(entry.Tag);
        }
    }

    public bool TryGet(Uri uri, out T value)
    {
        var found = _entries.TryGetValue(uri, out var entry);
        value = entry.Value;
        return found;
    }

    public void Store(Uri uri, EntityTagHeaderValue? tag, T value)
    {
        if (tag is null)
        {
            _entries.TryRemove(uri, out _);
        }
        else
        {
            _entries[uri] = (tag, value);
        }
    }
}
