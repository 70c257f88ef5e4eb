namespace Grid.Runtime.Tests.Grains;

public interface IFragileGrain : IGrainWithIntegerKey
{
    Task<long> Key();
}

/// <summary>Fails to activate while the journal says so.</summary>
public sealed class FragileGrain(LifecycleJournal journal) : Grain, IFragileGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        journal.Add($"activate fragile {GetPrimaryKeyLong()}");
        return journal.FailActivation
            ? throw new InvalidOperationException("storage for fragile grain is offline")
            : Task.CompletedTask;
    }

    public Task<long> Key() => Task.FromResult(GetPrimaryKeyLong());
}
