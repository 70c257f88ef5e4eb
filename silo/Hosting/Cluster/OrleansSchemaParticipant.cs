namespace Grid.Silo.Hosting.Cluster;

/// <summary>
/// Creates the Orleans ADO.NET schema when it is missing, at the silo's first lifecycle stage, so
/// membership, storage, reminders and streams find their tables (<see cref="OrleansPostgresSchema"/>
/// serialises silos that start together with an advisory lock).
/// In a cluster an unreachable database stops the start: without membership there is no silo. A
/// single silo with only its state in PostgreSQL (<c>Grid:Storage:Postgres</c>) keeps running
/// instead, unready, and retries with backoff until the database answers.
/// </summary>
internal sealed partial class OrleansSchemaParticipant(
    string connectionString,
    string setting,
    bool retryInBackground,
    SiloReadiness readiness,
    ILogger<OrleansSchemaParticipant> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stopping = new();
    private Task _retries = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(OrleansSchemaParticipant), ServiceLifecycleStage.First, StartAsync, StopAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!retryInBackground)
        {
            await OrleansPostgresSchema.EnsureCreatedAsync(connectionString, logger, cancellationToken, setting);
            return;
        }

        if (!await TryCreateAsync(cancellationToken))
        {
            _retries = Task.Run(() => RetryAsync(_stopping.Token), CancellationToken.None);
        }
    }

    private async Task<bool> TryCreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await OrleansPostgresSchema.EnsureCreatedAsync(connectionString, logger, cancellationToken, setting);
            readiness.StorageProblem = null;
            return true;
        }
        catch (InvalidOperationException ex)
        {
            // The message names host, database and setting, never the password.
            readiness.StorageProblem = ex.Message;
            LogUnreachable(logger, ex.Message);
            return false;
        }
    }

    private async Task RetryAsync(CancellationToken stopping)
    {
        var delay = FirstRetry;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (await TryCreateAsync(stopping))
            {
                LogReachable(logger);
                return;
            }

            delay = delay * 2 > LastRetry ? LastRetry : delay * 2;
        }
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _retries;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain state storage unreachable: {Reason} Grid keeps serving what it can and retries with backoff.")]
    private static partial void LogUnreachable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain state storage reachable again: ready")]
    private static partial void LogReachable(ILogger logger);
}
