using Microsoft.Extensions.Options;

namespace Grid.Grains.Probing;

/// <summary>
/// The cluster's count of blocks outside senders added (<see cref="IProbeBlockLedgerGrain"/>): each
/// key may add Grid:Probing:MaxNewBlocksPerKey, and all keys together Grid:Probing:MaxExternalBlocks
/// (~40 bytes a block in every shard's table). The prober's hitlist is the operator's and is not counted.
/// </summary>
[GrainType("probe-ledger")]
public sealed class ProbeBlockLedgerGrain(
    [PersistentState("probe-ledger")] IPersistentState<ProbeBlockLedgerState> state,
    IOptions<ProbeBinOptions> options) : Grain, IProbeBlockLedgerGrain
{
    public async Task<BlockGrant> Grant(string sender, int wanted)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var ledger = state.State;
        var used = ledger.BySender.GetValueOrDefault(sender);
        var byKey = Math.Max(0, options.Value.MaxNewBlocksPerKey - used);
        var byTable = Math.Max(0, options.Value.MaxExternalBlocks - ledger.Total);
        var granted = Math.Min(Math.Max(0, wanted), Math.Min(byKey, byTable));
        if (granted > 0)
        {
            ledger.BySender[sender] = used + granted;
            ledger.Total += granted;
            await state.WriteStateAsync();
        }

        var reason = granted == wanted ? ProbeRefusal.None : byTable < byKey ? ProbeRefusal.TableFull : ProbeRefusal.KeyQuota;
        return new BlockGrant(granted, reason);
    }
}
