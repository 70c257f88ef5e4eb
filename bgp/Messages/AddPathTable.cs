using Grid.Bgp.Model;

namespace Grid.Bgp.Messages;

/// <summary>
/// With ADD-PATH (RFC 7911) a peer sends several paths per prefix, each under its own path
/// identifier, and withdraws them one by one. Visibility asks only whether the peer has any path
/// to the prefix, so this table turns the first path in into an announcement and the last path
/// out into a withdrawal. It exists only for sessions that negotiated ADD-PATH receive.
/// </summary>
internal sealed class AddPathTable
{
    private readonly Dictionary<Prefix, HashSet<uint>> _paths = [];

    /// <summary>True when <paramref name="prefix"/> had no path before this one.</summary>
    public bool Add(Prefix prefix, uint pathId)
    {
        if (!_paths.TryGetValue(prefix, out var ids))
        {
            _paths[prefix] = [pathId];
            return true;
        }
        ids.Add(pathId);
        return false;
    }

    /// <summary>True when this withdrawal removed the prefix's last path.</summary>
    public bool Remove(Prefix prefix, uint pathId)
    {
        if (!_paths.TryGetValue(prefix, out var ids) || !ids.Remove(pathId))
        {
            return false;
        }
        if (ids.Count > 0)
        {
            return false;
        }
        _paths.Remove(prefix);
        return true;
    }

    public void Clear() => _paths.Clear();
}
