using Grid.Bgp.Model;

namespace Grid.Bgp.Mrt;

/// <summary>
/// Merges several element streams (update files) into one in timestamp order, lazily: a k-way
/// merge holds one element per file. Files that overlap in time (several collectors' updates)
/// interleave as the collectors recorded them.
/// </summary>
public static class TimestampMerge
{
    public static IEnumerable<RouteElement> Merge(IReadOnlyList<IEnumerable<RouteElement>> streams)
    {
        var cursors = new List<IEnumerator<RouteElement>>(streams.Count);
        var queue = new PriorityQueue<int, (DateTimeOffset, int)>();
        try
        {
            foreach (var stream in streams)
            {
                var cursor = stream.GetEnumerator();
                cursors.Add(cursor);
                if (cursor.MoveNext())
                {
                    queue.Enqueue(cursors.Count - 1, (cursor.Current.Timestamp, cursors.Count - 1));
                }
            }

            // Ties go to the earlier file, so one file's own order is never changed.
            while (queue.TryDequeue(out var index, out _))
            {
                var cursor = cursors[index];
                yield return cursor.Current;
                if (cursor.MoveNext())
                {
                    queue.Enqueue(index, (cursor.Current.Timestamp, index));
                }
            }
        }
        finally
        {
            foreach (var cursor in cursors)
            {
                cursor.Dispose();
            }
        }
    }
}
