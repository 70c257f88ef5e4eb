using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Grid.Runtime.Activation;
using Grid.Runtime.Cluster.Membership;
using Grid.Runtime.Cluster.Transport;
using Grid.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Grid.Runtime.Cluster.Placement;

/// <summary>
/// Takes a piece of work for a grain to the silo that runs it: the owner it last heard of, else
/// the silo placement prefers (or this one, for <see cref="PreferLocalPlacementAttribute"/>). A
/// silo that did not run the work (not the owner, leaving, unreachable) is a reason to look again
/// and retry, with backoff, until the call timeout; during a silo's death window calls wait until
/// the cluster declares it dead and another silo takes its grains.
/// </summary>
internal sealed class ClusterRouter
{
    private const int MaxCachedOwners = 100_000;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);

    private readonly GrainRuntime _runtime;
    private readonly ClusterMembership _membership;
    private readonly ClusterClient _client;
    private readonly TimeSpan _callTimeout;
    private readonly ConcurrentDictionary<GrainId, string> _owners = new();
    private readonly ConcurrentDictionary<string, bool> _preferLocal = new(StringComparer.Ordinal);

    public ClusterRouter(GrainRuntime runtime, ClusterMembership membership, ClusterClient client, IOptions<GridRuntimeOptions> options)
    {
        _runtime = runtime;
        _membership = membership;
        _client = client;
        _callTimeout = options.Value.CallTimeout == Timeout.InfiniteTimeSpan ? TimeSpan.FromMinutes(5) : options.Value.CallTimeout;
        membership.ActiveSilosChanged += _owners.Clear;
    }

    /// <summary>
    /// Runs <paramref name="local"/> here or sends <paramref name="body"/> to <paramref name="path"/>
    /// at the owner; <paramref name="decode"/> reads a remote result.
    /// </summary>
    /// <paramref name="idempotent"/> work is sent again when the silo failed while it was on its way.
    public async Task<T> RouteAsync<T>(GrainId id, Func<Task<T>> local, string path, Func<byte[]> body, Func<byte[], T> decode, bool idempotent, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        if (!_membership.Joined.IsCompleted)
        {
            await _membership.Joined.WaitAsync(_callTimeout, cancellationToken).ConfigureAwait(false);
        }

        byte[]? encoded = null;
        HashSet<string>? avoid = null;
        var backoff = FirstBackoff;
        string? problem = null;
        var hops = 0;
        while (true)
        {
            var target = TargetOf(id, avoid);
            var wait = false;
            if (target == _membership.SiloId)
            {
                try
                {
                    return await local().ConfigureAwait(false);
                }
                catch (GrainOwnedElsewhereException ex)
                {
                    problem = ex.Message;
                    wait = !Remember(id, ex.OwnerSiloId, avoid);
                }
                catch (SiloUnavailableException ex) when (_membership.IsLeaving || _runtime.IsStopping)
                {
                    problem = ex.Message;
                    (avoid ??= []).Add(target);
                    wait = true;
                }
            }
            else if (_membership.Find(target) is not { Status: not SiloStatus.Dead } member)
            {
                problem = $"silo {target} is not a live member";
                _owners.TryRemove(id, out _);
                (avoid ??= []).Add(target);
                wait = true;
            }
            else
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(Remaining(started));
                ClusterReply reply;
                try
                {
                    reply = await _client.SendAsync(member, path, encoded ??= body(), timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"Silo {target} did not answer for {id} within {_callTimeout.TotalSeconds:0.#} s. The grain may be busy, or two grains may be calling each other (grains are not reentrant).");
                }

                switch (reply.Kind)
                {
                    case ClusterReplyKind.Ok:
                        return decode(reply.Result!);
                    case ClusterReplyKind.Failed:
                        throw RemoteGrainException.Recreate(reply.ExceptionType, reply.Message, target);
                    case ClusterReplyKind.Lost when !idempotent:
                        throw new SiloUnavailableException($"Silo {target} failed while the call to {id} was on its way ({reply.Message}); it may or may not have run, so it is not sent again.");
                    case ClusterReplyKind.NotOwner:
                        problem = $"silo {target} does not own {id}";
                        wait = reply.Owner == target || !Remember(id, reply.Owner, avoid);
                        break;
                    default:
                        problem = reply.Kind switch
                        {
                            ClusterReplyKind.ShuttingDown => $"silo {target} is leaving",
                            ClusterReplyKind.Lost => $"silo {target} failed during the call ({reply.Message})",
                            _ => $"silo {target} is unreachable ({reply.Message})",
                        };
                        _owners.TryRemove(id, out _);
                        (avoid ??= []).Add(target);
                        wait = true;
                        break;
                }
            }

            // Owners that name each other (views in flux) must not spin: after a few hops, wait.
            if (!wait && ++hops <= 3)
            {
                continue;
            }

            hops = 0;

            var remaining = Remaining(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No silo ran the work for {id} within {_callTimeout.TotalSeconds:0.#} s; last: {problem}.");
            }

            await Task.Delay(backoff < remaining ? backoff : remaining, cancellationToken).ConfigureAwait(false);
            backoff = backoff * 2 < MaxBackoff ? backoff * 2 : MaxBackoff;

            // A silo we avoided may have been declared dead, or come back: look again with fresh eyes.
            await _membership.RefreshSoonAsync(cancellationToken).ConfigureAwait(false);
            avoid = null;
        }
    }

    private string TargetOf(GrainId id, HashSet<string>? avoid)
    {
        var self = _membership.SiloId;
        var selfUsable = avoid is null || !avoid.Contains(self);
        if (selfUsable && _runtime.HasActivation(id))
        {
            return self;
        }

        if (_owners.TryGetValue(id, out var owner) && (avoid is null || !avoid.Contains(owner)))
        {
            return owner;
        }

        if (selfUsable && !_membership.IsLeaving && IsPreferLocal(id.Type))
        {
            return self;
        }

        var candidates = avoid is null ? (IReadOnlyList<string>)_membership.ActiveSiloIds : [.. _membership.ActiveSiloIds.Where(s => !avoid.Contains(s))];
        return RendezvousPlacement.PreferredSilo(id, candidates) ?? self;
    }

    /// <summary>Notes the owner a silo named; false if there is none to go to now (so wait first).</summary>
    private bool Remember(GrainId id, string? owner, HashSet<string>? avoid)
    {
        if (owner is null || (avoid?.Contains(owner) ?? false))
        {
            _owners.TryRemove(id, out _);
            return false;
        }

        if (_owners.Count >= MaxCachedOwners)
        {
            _owners.Clear();
        }

        _owners[id] = owner;
        return true;
    }

    public bool IsPreferLocal(string grainType) =>
        _preferLocal.GetOrAdd(grainType, static (type, registry) =>
            registry.ClassNamed(type).Type.GetCustomAttribute<PreferLocalPlacementAttribute>() is not null, _runtime.Registry);

    private TimeSpan Remaining(long started) => _callTimeout - Stopwatch.GetElapsedTime(started);
}
