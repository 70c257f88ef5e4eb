using Grid.Grains.Entities;

namespace Grid.Grains.Visibility;

/// <summary>
/// Carries the prefix shards' reports to the entity grains, at most one call in flight per entity:
/// reports for an entity that arrive while its call is out ride together in the next one. A table's
/// end makes every shard report to most entities at once (a full table: some 800 shards × 1,000
/// ASes); one call per shard and entity spent the time in Orleans' messaging, and in a cluster each
/// crossed silos alone. Under load the calls take longer, so more reports ride each; a report for an
/// entity with no call out waits <see cref="Linger"/> for the other shards' reports of the same
/// moment. One courier per silo; the shards live on the collector's silo, so its courier sees all
/// their reports.
/// Reports are absolute counts with versions, so their order inside a batch only matters for the
/// event time at which the entity records them, and the entity sorts them by it.
/// </summary>
public sealed class VisibilityCourier(IGrainFactory grains)
{
    /// <summary>How long a report for an entity with no call out waits for others to join it: a few ms on a path measured in hundreds.</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(2);

    private readonly Lock _gate = new();
    // Reports not yet sent, per entity key (AS6697, BY).
    private readonly Dictionary<string, Parcel> _waiting = new(StringComparer.Ordinal);
    // Grain references, made once per entity: a table's end sends tens of thousands of calls, and
    // resolving a reference each time showed in its profile. Bounded by the entities there are.
    private readonly Dictionary<string, IEntityGrain> _references = new(StringComparer.Ordinal);
    // Entities with a call out: their new reports wait for it.
    private readonly HashSet<string> _out = new(StringComparer.Ordinal);
    // Entities with no call out whose parcel leaves at the next drain.
    private readonly List<string> _due = [];
    private bool _drainScheduled;

    /// <summary>Reports sent so far, and the calls that carried them (for monitoring and the benchmarks).</summary>
    public (long Reports, long Calls) Counts => (Interlocked.Read(ref _reports), Interlocked.Read(ref _calls));

    private long _reports;
    private long _calls;

    /// <summary>
    /// Sends a shard's reports, one per entity, under one lock: a table's end hands over hundreds of
    /// thousands. <paramref name="done"/>[i] completes when the call that carried report i did
    /// (faulted if it failed); reports riding one call share its task.
    /// </summary>
    public void ToAll(IReadOnlyList<(EntityKey Entity, ShardVisibility Report)> reports, Task[] done)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(done);
        Interlocked.Add(ref _reports, reports.Count);
        var drain = false;
        lock (_gate)
        {
            for (var i = 0; i < reports.Count; i++)
            {
                var (entity, report) = reports[i];
                var key = entity.Code;
                if (!_waiting.TryGetValue(key, out var parcel))
                {
                    if (!_references.TryGetValue(key, out var reference))
                    {
                        _references[key] = reference = grains.Entity(entity);
                    }

                    _waiting[key] = parcel = new Parcel(reference);
                }

                parcel.Reports.Add(report);
                done[i] = parcel.Done.Task;
                // With a call out, the parcel leaves when it returns; otherwise at the next drain.
                if (!parcel.Due && !_out.Contains(key))
                {
                    parcel.Due = true;
                    _due.Add(key);
                    drain |= !_drainScheduled;
                    _drainScheduled = true;
                }
            }
        }

        if (drain)
        {
            _ = DrainAsync();
        }
    }

    /// <summary>
    /// Sends every parcel that became due during <see cref="Linger"/>: the shards flush a table's end
    /// in their own turns at about the same moment, and a parcel that waits for the others' reports
    /// carries them all in one call instead of one call each.
    /// </summary>
    private async Task DrainAsync()
    {
        await Task.Delay(Linger).ConfigureAwait(false);
        List<(string Key, Parcel Parcel)> leaving = [];
        lock (_gate)
        {
            foreach (var key in _due)
            {
                if (_waiting.Remove(key, out var parcel))
                {
                    _out.Add(key);
                    leaving.Add((key, parcel));
                }
            }

            _due.Clear();
            _drainScheduled = false;
        }

        foreach (var (key, parcel) in leaving)
        {
            Send(key, parcel);
        }
    }

    private void Send(string key, Parcel parcel)
    {
        Interlocked.Increment(ref _calls);
        Task call;
        try
        {
            call = parcel.Entity.ReportVisibility([.. parcel.Reports]);
        }
        catch (Exception e)
        {
            call = Task.FromException(e);
        }

        // On the thread pool, not in the calling shard's turn: the next parcel is any shard's.
        call.ContinueWith((done, state) => ((VisibilityCourier)state!).Delivered(key, parcel, done), this, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private void Delivered(string key, Parcel parcel, Task call)
    {
        Parcel? next;
        lock (_gate)
        {
            if (_waiting.Remove(key, out next))
            {
                // Stays out: the next parcel leaves now.
            }
            else
            {
                _out.Remove(key);
            }
        }

        if (call.IsCompletedSuccessfully)
        {
            parcel.Done.TrySetResult();
        }
        else
        {
            parcel.Done.TrySetException(call.Exception?.InnerExceptions ?? [new TaskCanceledException(call)]);
        }

        if (next is not null)
        {
            Send(key, next);
        }
    }

    private sealed class Parcel(IEntityGrain entity)
    {
        public IEntityGrain Entity { get; } = entity;

        public List<ShardVisibility> Reports { get; } = [];

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Listed for the next drain (its entity had no call out).</summary>
        public bool Due { get; set; }
    }
}
