using System.Reflection;
using Grid.Runtime.Activation;
using Grid.Runtime.Cluster.Membership;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Runtime.Cluster.Placement;

/// <summary>
/// Moves grains to where placement wants them. Adoption: each round, a silo activates the
/// orphaned grains (owner dead, or released by a hand-over) that rendezvous hashing gives to it,
/// so they run again with their state, and their timers re-arm in OnActivateAsync, without
/// waiting for a call. Rebalancing: after the active set changes, a silo hands over the grains
/// that now prefer another silo, at a bounded rate. Prefer-local grains never move this way.
/// </summary>
internal sealed partial class GrainAdoption(
    GrainRuntime runtime,
    ClusterMembership membership,
    PostgresGrainDirectory directory,
    ClusterRouter router,
    IOptions<ClusterOptions> options,
    ILogger<GrainAdoption> logger)
{
    private const int ParallelActivations = 32;
    private readonly ClusterOptions _options = options.Value;
    private readonly LocalActivationRequests _local = new(runtime);
    private string[]? _adoptableTypes;

    /// <summary>Grain classes that are placed by hashing (all but prefer-local ones).</summary>
    private string[] AdoptableTypes => _adoptableTypes ??= [.. runtime.Registry.Classes
        .Where(c => c.Type.GetCustomAttribute<PreferLocalPlacementAttribute>() is null)
        .Select(c => c.Name)];

    /// <summary>One adoption round; returns how many grains this silo activated.</summary>
    public async Task<int> AdoptOrphansAsync(CancellationToken cancellationToken)
    {
        if (membership.IsLeaving || runtime.IsStopping || AdoptableTypes.Length == 0)
        {
            return 0;
        }

        var orphans = await directory.OrphansAsync(AdoptableTypes, _options.AdoptionBatch, cancellationToken).ConfigureAwait(false);
        var active = membership.ActiveSiloIds;
        var mine = orphans.Where(id => RendezvousPlacement.PreferredSilo(id, active) == membership.SiloId && !runtime.HasActivation(id)).ToList();
        if (mine.Count == 0)
        {
            return 0;
        }

        var adopted = 0;
        await Parallel.ForEachAsync(mine, new ParallelOptions { MaxDegreeOfParallelism = ParallelActivations, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            try
            {
                await _local.EnsureActiveAsync(id, ct).ConfigureAwait(false);
                Interlocked.Increment(ref adopted);
            }
            catch (GrainOwnedElsewhereException)
            {
                // Another silo (with another view of the members) was quicker; one owner is all we need.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogAdoptionFailed(logger, ex, id);
            }
        }).ConfigureAwait(false);

        if (adopted > 0)
        {
            LogAdopted(logger, adopted, mine.Count);
        }

        return adopted;
    }

    /// <summary>Hands over, at most <see cref="ClusterOptions.HandOversPerSecond"/> a second, the grains here that placement now puts elsewhere.</summary>
    public async Task<int> RebalanceAsync(CancellationToken cancellationToken)
    {
        var active = membership.ActiveSiloIds;
        if (membership.IsLeaving || runtime.IsStopping || active.Length < 2)
        {
            return 0;
        }

        var misplaced = runtime.Directory.All
            .Where(a => a.State == ActivationState.Active && !router.IsPreferLocal(a.Id.Type))
            .Where(a => RendezvousPlacement.PreferredSilo(a.Id, active) != membership.SiloId)
            .ToList();
        var handedOver = 0;
        var perSecond = Math.Max(1, _options.HandOversPerSecond);
        foreach (var chunk in misplaced.Chunk(perSecond))
        {
            var started = DateTime.UtcNow;
            var leaving = chunk.Where(runtime.HandOver).ToList();
            handedOver += leaving.Count;
            try
            {
                await Task.WhenAll(leaving.Select(a => a.Gone)).WaitAsync(runtime.Options.DeactivationTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // A slow OnDeactivateAsync holds up only its own grain; the pace of the rest stays.
            }

            var rest = TimeSpan.FromSeconds(1) - (DateTime.UtcNow - started);
            if (rest > TimeSpan.Zero && handedOver < misplaced.Count)
            {
                await Task.Delay(rest, cancellationToken).ConfigureAwait(false);
            }

            if (!membership.ActiveSiloIds.SequenceEqual(active))
            {
                // The members changed again; the next round starts from the new view.
                break;
            }
        }

        if (handedOver > 0)
        {
            LogHandedOver(logger, handedOver);
        }

        return handedOver;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Adopted {Adopted} of {Mine} orphaned grains this round")]
    private static partial void LogAdopted(ILogger logger, int adopted, int mine);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not adopt {GrainId}; the next round tries again")]
    private static partial void LogAdoptionFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Handed over {Count} grains to the silos placement now prefers")]
    private static partial void LogHandedOver(ILogger logger, int count);
}
