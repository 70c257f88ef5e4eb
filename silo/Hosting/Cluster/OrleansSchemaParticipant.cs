namespace Grid.Silo.Hosting.Cluster;

/// <summary>
/// Creates the Orleans ADO.NET schema when it is missing, at the silo's first lifecycle stage, so
/// membership, storage, reminders and streams find their tables (<see cref="OrleansPostgresSchema"/>
/// serialises silos that start together with an advisory lock). While the database does not
/// answer, the silo waits here and retries with backoff: the API (started beside the silo) answers
/// <c>/healthz</c>, and <c>/readyz</c> says what is wrong and which setting to check.
/// </summary>
internal sealed partial class OrleansSchemaParticipant(
    string connectionString,
    string setting,
    SiloReadiness readiness,
    ILogger<OrleansSchemaParticipant> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(OrleansSchemaParticipant), ServiceLifecycleStage.First, StartAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var delay = FirstRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await OrleansPostgresSchema.EnsureCreatedAsync(connectionString, logger, cancellationToken, setting);
                if (attempt > 1)
                {
                    LogReachable(logger, attempt);
                }

                readiness.StorageProblem = null;
                return;
            }
            catch (InvalidOperationException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The message names host, database and setting, never the password.
                readiness.StorageProblem = ex.Message;
                LogUnreachable(logger, ex.Message, delay);
            }

            await Task.Delay(delay, cancellationToken);
            delay = delay * 2 > LastRetry ? LastRetry : delay * 2;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The silo waits for its database, unreachable: {Reason} Retrying in {Delay}.")]
    private static partial void LogUnreachable(ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database answered after {Attempts} attempts: the silo starts")]
    private static partial void LogReachable(ILogger logger, int attempts);
}
