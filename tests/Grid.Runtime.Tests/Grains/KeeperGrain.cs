namespace Grid.Runtime.Tests.Grains;

public interface IKeeperGrain : IGrainWithStringKey
{
    Task Keep();
}

/// <summary>Holds data only in memory, so it asks not to be collected when idle.</summary>
public sealed class KeeperGrain(LifecycleJournal journal) : Grain, IKeeperGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        journal.Add($"activate keeper {GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public Task Keep()
    {
        DelayDeactivation(TimeSpan.MaxValue);
        return Task.CompletedTask;
    }
}
