using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Visibility;

/// <summary>
/// Beside the shards on the collector (prefer-local: the collector's feeds register first). It only
/// calls shards, which call entities; entities never await it, so no call comes back into a grain
/// that waits (grains are not reentrant). A rebuild runs in two phases, like a feed's initial load:
/// every shard re-emits its table (rebuilding), then every shard says loaded, so no entity ends its
/// hold while another shard still has to re-emit its part.
/// </summary>
[GrainType("visibility-rebuild")]
[Orleans.Placement.PreferLocalPlacement]
public sealed partial class VisibilityRebuildGrain(IOptions<VisibilityOptions> options, ILogger<VisibilityRebuildGrain> logger) : Grain, IVisibilityRebuildGrain
{
    private readonly HashSet<int> _shards = [];
    private long _epoch;
    private int _rebuilds;
    private int _requests;
    private bool _scheduled;
    // The newest epoch an entity asked for before a loaded table was registered; 0: none.
    private long _pendingSeen;
    private long? _lastRun;
    private string _reason = "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The shard list lives only here, until the next feed flush registers it again.
        DelayDeactivation(TimeSpan.MaxValue);
        return Task.CompletedTask;
    }

    public Task Register(long epoch, int[] shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        var collector = CollectorEpoch.CompareCollector(epoch, _epoch);
        if (collector < 0)
        {
            return Task.CompletedTask;
        }

        if (collector > 0)
        {
            _shards.Clear();
            _epoch = epoch;
            _rebuilds = 0;
        }

        _shards.UnionWith(shards);
        // Asked under this collector: its space is gone from the table it is now loading. Asked
        // under an older one: the new collector's load resets the entity anyway.
        if (_pendingSeen != 0 && CollectorEpoch.CompareCollector(_pendingSeen, _epoch) == 0)
        {
            Schedule();
        }

        _pendingSeen = _shards.Count > 0 ? 0 : _pendingSeen;

        return Task.CompletedTask;
    }

    public Task RequestRebuild(long seenEpoch, string reason)
    {
        _requests++;
        var collector = CollectorEpoch.CompareCollector(seenEpoch, _epoch);
        if (collector < 0 || (collector == 0 && seenEpoch < _epoch))
        {
            // An older collector's (its feeds reload everything under the new one) or an older
            // generation: a rebuild since then reaches the entity with a newer epoch, or found
            // nothing of it in the table.
            return Task.CompletedTask;
        }

        _reason = reason;
        if (collector > 0 || _shards.Count == 0)
        {
            // No loaded table registered yet: rebuild as soon as one is.
            _pendingSeen = Math.Max(_pendingSeen, seenEpoch);
            return Task.CompletedTask;
        }

        Schedule();
        return Task.CompletedTask;
    }

    public Task<RebuildSummary> Summary() => Task.FromResult(new RebuildSummary(_epoch, _rebuilds, _requests, _shards.Count));

    /// <summary>At most one rebuild per <see cref="VisibilityOptions.RebuildCoalesce"/>; requests in between join the scheduled one.</summary>
    private void Schedule()
    {
        if (_scheduled)
        {
            return;
        }

        _scheduled = true;
        var since = _lastRun is { } last ? TimeSpan.FromMilliseconds(Environment.TickCount64 - last) : TimeSpan.MaxValue;
        var due = since >= options.Value.RebuildCoalesce ? TimeSpan.Zero : options.Value.RebuildCoalesce - since;
        IGrainTimer? timer = null;
        timer = this.RegisterGrainTimer(
            async _ =>
            {
                try
                {
                    await RunAsync();
                }
                finally
                {
                    timer?.Dispose();
                }
            },
            new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task RunAsync()
    {
        _scheduled = false;
        _lastRun = Environment.TickCount64;
        var shards = _shards.Select(index => GrainFactory.GetGrain<IPrefixShardGrain>(ShardMap.KeyAt(index))).ToArray();
        // A shard may know a higher generation (this grain was re-created): go above it once.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (CollectorEpoch.NextGeneration(_epoch) is not { } next)
            {
                LogGenerationsUsedUp(logger, _epoch);
                return;
            }

            var answers = await Task.WhenAll(shards.Select(shard => shard.Regenerate(next)));
            _epoch = Math.Max(next, answers.Max(a => a.Epoch));
            if (answers.All(a => a.Accepted || CollectorEpoch.CompareCollector(a.Epoch, next) != 0))
            {
                var at = answers.Max(a => a.Latest);
                await Task.WhenAll(shards.Select(shard => shard.TableLoaded(next, at)));
                _rebuilds++;
                LogRebuilt(logger, next, shards.Length, _reason);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Visibility rebuilt under epoch {Epoch} from {Shards} shards ({Reason})")]
    private static partial void LogRebuilt(ILogger logger, long epoch, int shards, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No rebuild generation left under epoch {Epoch}; entities that lost their space wait for the next collector or Grid:Visibility:EpochGrace")]
    private static partial void LogGenerationsUsedUp(ILogger logger, long epoch);
}
