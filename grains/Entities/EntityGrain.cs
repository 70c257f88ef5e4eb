using Grid.Grains.Signals;
using Grid.Runtime;
using Grid.Runtime.State;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Entities;

/// <summary>
/// The signals of one entity: the union of its visible IPv4 and IPv6 space, the /24s active probing
/// finds up (with median RTT and loss), and their histories.
/// It stays active while the silo runs, because its visible space lives only in memory (rebuilt
/// from feeds); its histories are written to grain state once per step when they changed.
/// </summary>
public abstract class EntityGrain(IPersistentState<EntityState> state, IOptions<SignalOptions> options) : Grain, IEntityGrain
{
    private readonly VisibleSpace _ipv4 = new(24);
    private readonly VisibleSpace _ipv6 = new(48);
    private readonly SignalSeries _bgp = new(options.Value.Step, options.Value.Retention);
    private readonly SignalSeries _bgp6 = new(options.Value.Step, options.Value.Retention);
    private readonly SignalSeries _probes = new(options.Value.Step, options.Value.Retention);
    private readonly SignalSeries _probesRtt = new(options.Value.Step, options.Value.Retention);
    private readonly SignalSeries _probesLoss = new(options.Value.Step, options.Value.Retention);
    private bool _dirty;

    protected abstract string Kind { get; }

    /// <summary>True once the entity has had a signal: an API lookup of an unseen entity must not pin a grain.</summary>
    public bool HasData => state.State.UpdatedAt is not null || _ipv4.PrefixCount + _ipv6.PrefixCount > 0 || state.State.LatestProbes is not null;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _bgp.Restore(state.State.Bgp);
        _bgp6.Restore(state.State.Bgp6);
        _probes.Restore(state.State.Probes);
        _probesRtt.Restore(state.State.ProbesRtt);
        _probesLoss.Restore(state.State.ProbesLoss);
        RegisterGrainTimer(_ => PersistAsync(), options.Value.Step, options.Value.Step);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => PersistAsync();

    public Task ApplyVisibility(VisibilityDelta delta)
    {
        // The visible space lives only here: keep the grain while the silo runs.
        DelayDeactivation(TimeSpan.MaxValue);
        bool ipv4 = false, ipv6 = false;
        foreach (var change in delta.Changes)
        {
            OnChange(change);
            var space = change.Prefix.IsIPv4 ? _ipv4 : _ipv6;
            _ = change.Sign > 0 ? space.Add(change.Prefix) : space.Remove(change.Prefix);
            ipv4 |= change.Prefix.IsIPv4;
            ipv6 |= !change.Prefix.IsIPv4;
        }

        if (ipv4)
        {
            _bgp.Record(delta.At, _ipv4.Blocks);
        }

        if (ipv6)
        {
            _bgp6.Record(delta.At, _ipv6.Blocks);
        }

        state.State.UpdatedAt = state.State.UpdatedAt is { } previous && previous > delta.At ? previous : delta.At;
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task ApplyProbes(ProbeBin bin)
    {
        _probes.Record(bin.At, bin.BlocksUp);
        if (bin.MedianRttMs is { } rtt)
        {
            _probesRtt.Record(bin.At, (long)Math.Round(rtt * 1000));
        }

        if (bin.Loss is { } loss)
        {
            _probesLoss.Record(bin.At, (long)Math.Round(loss * 1_000_000));
        }

        state.State.LatestProbes = state.State.LatestProbes is { } previous && previous.At > bin.At ? previous : bin;
        state.State.UpdatedAt = state.State.UpdatedAt is { } updated && updated > bin.At ? updated : bin.At;
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<EntityStatus> Status()
    {
        var probes = state.State.LatestProbes;
        var (name, country) = Describe();
        return Task.FromResult(new EntityStatus(
            GetPrimaryKeyString(),
            Kind,
            name,
            country,
            "unknown",
            new Dictionary<string, SignalStatus>
            {
                [SignalNames.Bgp] = new(_ipv4.Blocks, _bgp.Latest?.At),
                [SignalNames.Bgp6] = new(_ipv6.Blocks, _bgp6.Latest?.At),
                [SignalNames.Probes] = new(probes?.BlocksUp ?? 0, probes?.At, probes?.MedianRttMs, probes?.Loss),
            },
            state.State.UpdatedAt,
            HasData));
    }

    public Task<SignalHistory> History(DateTimeOffset from, DateTimeOffset until, TimeSpan step) =>
        Task.FromResult(new SignalHistory(
            GetPrimaryKeyString(),
            from,
            until,
            step,
            new Dictionary<string, SignalPoint[]>
            {
                [SignalNames.Bgp] = [.. _bgp.Resample(from, until, step)],
                [SignalNames.Bgp6] = [.. _bgp6.Resample(from, until, step)],
                [SignalNames.Probes] = [.. _probes.Resample(from, until, step)],
                [SignalNames.ProbesRtt] = [.. _probesRtt.Resample(from, until, step)],
                [SignalNames.ProbesLoss] = [.. _probesLoss.Resample(from, until, step)],
            }));

    protected EntityState State => state.State;

    /// <summary>Sees each change before it is applied (a country notes the origin AS).</summary>
    protected virtual void OnChange(PrefixDelta change)
    {
    }

    /// <summary>The entity's display name and, for an AS, its registration country.</summary>
    protected abstract (string? Name, string? Country) Describe();

    private async Task PersistAsync()
    {
        if (!_dirty)
        {
            return;
        }

        state.State.Bgp = [.. _bgp.Points];
        state.State.Bgp6 = [.. _bgp6.Points];
        state.State.Probes = [.. _probes.Points];
        state.State.ProbesRtt = [.. _probesRtt.Points];
        state.State.ProbesLoss = [.. _probesLoss.Points];
        await state.WriteStateAsync();
        _dirty = false;
    }
}
