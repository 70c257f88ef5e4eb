using Orleans.Runtime;

namespace Grid.Silo.Hosting.Cluster;

/// <summary>
/// Ready once the Orleans silo is active. Kestrel starts before the silo's hosted service, so the
/// API, feeds and health checks ask here before they make grain calls.
/// </summary>
public sealed class SiloReadiness : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly TaskCompletionSource _active = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? _problem = "the silo is starting";

    public bool IsReady => _problem is null;

    public string? Problem => _problem;

    /// <summary>Completes when the silo is active; never faults.</summary>
    public Task Active => _active.Task;

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(
        nameof(SiloReadiness),
        ServiceLifecycleStage.Active,
        _ =>
        {
            _problem = null;
            _active.TrySetResult();
            return Task.CompletedTask;
        },
        _ =>
        {
            _problem = "the silo is stopping";
            return Task.CompletedTask;
        });

    /// <summary>Waits until the silo is active, or <paramref name="cancellationToken"/> ends the wait.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _active.Task.WaitAsync(cancellationToken);
}
