using Grid.Runtime.State;
using Grid.Runtime.Streams;

namespace Grid.Runtime.Tests.Grains;

public sealed record LedgerEntry(string Id, int Value);

public sealed class Ledger
{
    public List<string> Seen { get; set; } = [];

    public int Duplicates { get; set; }
}

public interface ILedgerGrain : IGrainWithStringKey
{
    Task<Ledger> Get();
}

/// <summary>
/// An implicit subscriber that drops redelivered entries by id, as the alert grain does: the ids
/// it has seen are persisted within the turn, before the stream's offset can move past the entry.
/// </summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class LedgerGrain([PersistentState("ledger")] IPersistentState<Ledger> ledger) : Grain, ILedgerGrain, IAsyncObserver<LedgerEntry>
{
    public const string Namespace = "ledger";

    public async Task OnNextAsync(LedgerEntry item, StreamSequenceToken token)
    {
        if (ledger.State.Seen.Contains(item.Id))
        {
            ledger.State.Duplicates++;
        }
        else
        {
            ledger.State.Seen.Add(item.Id);
        }

        await ledger.WriteStateAsync();
    }

    public Task<Ledger> Get() => Task.FromResult(ledger.State);
}
