using Grid.Runtime.State;

namespace Grid.Runtime.Tests.Grains;

public sealed class Profile
{
    public string Name { get; set; } = "";

    public List<string> Tags { get; set; } = [];
}

public interface IProfileGrain : IGrainWithStringKey
{
    Task Rename(string name, string tag);

    Task<Profile> Get();

    Task<string?> Etag();

    Task Forget();

    Task Leave();
}

/// <summary>A grain with persistent state that records its lifecycle in the journal.</summary>
public sealed class ProfileGrain(
    [PersistentState("profile")] IPersistentState<Profile> profile,
    LifecycleJournal journal) : Grain, IProfileGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        journal.Add($"activate {GrainId.Key}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        journal.Add($"deactivate {GrainId.Key} {reason}");
        return Task.CompletedTask;
    }

    public async Task Rename(string name, string tag)
    {
        profile.State.Name = name;
        profile.State.Tags.Add(tag);
        await profile.WriteStateAsync();
    }

    public Task<Profile> Get() => Task.FromResult(profile.State);

    public Task<string?> Etag() => Task.FromResult(profile.Etag);

    public Task Forget() => profile.ClearStateAsync();

    public Task Leave()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
