namespace Grid.Silo.Hosting.Cluster;

/// <summary>
/// Ready once the Orleans silo is active and its grain state storage answers. Kestrel starts
/// before the silo's hosted service, so the API, feeds and health checks ask here before they make
/// grain calls.
/// </summary>
public sealed partial class SiloReadiness(ILogger<SiloReadiness> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly TaskCompletionSource _active = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? _lifecycleProblem = "the silo is starting";

    public bool IsReady => _lifecycleProblem is null && StorageProblem is null;

    public string? Problem => StorageProblem ?? _lifecycleProblem;

    /// <summary>Why grain state cannot be read or written now (the storage database is unreachable), or null.</summary>
    public string? StorageProblem { get; set; }

    /// <summary>Completes when the silo is active; never faults.</summary>
    public Task Active => _active.Task;

    public void Participate(ISiloLifecycle lifecycle)
    {
        // Last: participants of one stage start together, so Active itself may still be starting streams.
        lifecycle.Subscribe(nameof(SiloReadiness), ServiceLifecycleStage.Last, OnActive, OnStopping);
        // The first stage stops last: by then every grain has deactivated and written its state.
        lifecycle.Subscribe(nameof(SiloReadiness), ServiceLifecycleStage.First, _ => Task.CompletedTask, OnStopped);
    }

    /// <summary>Waits until the silo is active, or <paramref name="cancellationToken"/> ends the wait.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _active.Task.WaitAsync(cancellationToken);

    private Task OnActive(CancellationToken cancellationToken)
    {
        _lifecycleProblem = null;
        _active.TrySetResult();
        LogReady(logger);
        return Task.CompletedTask;
    }

    private Task OnStopping(CancellationToken cancellationToken)
    {
        _lifecycleProblem = "the silo is stopping";
        return Task.CompletedTask;
    }

    private Task OnStopped(CancellationToken cancellationToken)
    {
        LogStopped(logger);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain runtime ready: the Orleans silo is active")]
    private static partial void LogReady(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain runtime stopped: every grain deactivated and wrote its state")]
    private static partial void LogStopped(ILogger logger);
}
