using Grid.Runtime.Activation;
using Grid.Runtime.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grid.Runtime.Hosting;

/// <summary>
/// Starts and stops the runtime with the host. Storage is initialized at start; if it is
/// unreachable (PostgreSQL down), the silo keeps running, reports not-ready, and retries with backoff.
/// </summary>
internal sealed partial class GridRuntimeHost(
    GrainRuntime runtime,
    IEnumerable<GrainStorageName> storageNames,
    IServiceProvider services,
    GridRuntimeReadiness readiness,
    ILogger<GridRuntimeHost> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _initialization = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Build the registry now so that an invalid grain interface fails the start, not the first call.
        LogRegistered(logger, runtime.Registry.Classes.Count());
        if (!await TryInitializeStorageAsync(cancellationToken).ConfigureAwait(false))
        {
            _initialization = RetryInitializationAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await runtime.StopAsync(cancellationToken).ConfigureAwait(false);
        await _initialization.ConfigureAwait(false);
    }

    private async Task RetryInitializationAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (await TryInitializeStorageAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 60));
        }
    }

    private async Task<bool> TryInitializeStorageAsync(CancellationToken cancellationToken)
    {
        foreach (var name in storageNames.Select(s => s.Name).Distinct())
        {
            try
            {
                await services.GetRequiredKeyedService<IGrainStorage>(name).InitializeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var problem = $"grain storage '{name}' is unreachable ({ex.Message}); check Grid:Storage:Postgres";
                readiness.NotReady(problem);
                LogStorageUnavailable(logger, name, ex.Message);
                return false;
            }
        }

        readiness.Ready();
        LogReady(logger);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain runtime has {Count} grain classes")]
    private static partial void LogRegistered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain storage {Name} is unreachable: {Reason}. Check Grid:Storage:Postgres; retrying with backoff")]
    private static partial void LogStorageUnavailable(ILogger logger, string name, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain runtime ready")]
    private static partial void LogReady(ILogger logger);
}
