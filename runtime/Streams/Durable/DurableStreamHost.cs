using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Runtime.Streams.Durable;

/// <summary>
/// Runs the silo's side of the durable streams: the LISTEN connection, the backlog sweep (also
/// once at start, so a restarted or adopting silo resumes delivery) and the retention sweep.
/// </summary>
internal sealed partial class DurableStreamHost(
    PostgresStreamProvider provider,
    StreamNotifications notifications,
    IOptions<DurableStreamOptions> options,
    ILogger<DurableStreamHost> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _work = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var stopping = _stopping.Token;
        _work = Task.WhenAll(
            Task.Run(() => notifications.ListenAsync(stopping), CancellationToken.None),
            Task.Run(() => EveryAsync(options.Value.BacklogSweepInterval, provider.SweepBacklogAsync, stopping), CancellationToken.None),
            Task.Run(() => EveryAsync(options.Value.RetentionSweepInterval, DeleteExpiredAsync, stopping), CancellationToken.None));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await provider.StopAsync(cancellationToken).ConfigureAwait(false);
        await _work.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task EveryAsync(TimeSpan interval, Func<CancellationToken, Task> sweep, CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await sweep(stopping).ConfigureAwait(false);
                await Task.Delay(interval, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await provider.DeleteExpiredAsync(cancellationToken).ConfigureAwait(false);
            if (deleted > 0)
            {
                LogDeleted(logger, deleted, options.Value.Retention);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogRetentionFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} stream events older than {Retention} that every subscriber has taken")]
    private static partial void LogDeleted(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream retention sweep failed: {Reason}; it runs again at the next interval")]
    private static partial void LogRetentionFailed(ILogger logger, string reason);
}
