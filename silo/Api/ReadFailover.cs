using Grid.Grains.Hosting;

namespace Grid.Silo.Api;

/// <summary>
/// Reads ride out a silo's death. Between a <c>kill -9</c> and Orleans' verdict (a few seconds:
/// Grid:Cluster:ProbeTimeout × MissedProbes) a call to a grain that lived on the dead silo fails
/// with <see cref="SiloUnavailableException"/>; once the silo is voted dead the same call activates
/// the grain on a survivor from its stored state. A GET or HEAD changes nothing (RFC 9110 §9.2.1),
/// so it is safe to run again: the request is retried until the verdict, within
/// <see cref="Budget"/>. Writes are never retried here: the caller decides.
/// </summary>
internal sealed partial class ReadFailover(RequestDelegate next, ILogger<ReadFailover> logger)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        var started = TimeProvider.System.GetTimestamp();
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await next(context);
                return;
            }
            catch (Exception ex) when (Retriable(ex, context) && !context.Response.HasStarted && TimeProvider.System.GetElapsedTime(started) + pause < Budget && !context.RequestAborted.IsCancellationRequested)
            {
                LogRetrying(logger, context.Request.Path, attempt, ex.GetType().Name);
                // Nothing was sent yet: start the answer afresh (status, headers such as ETag).
                context.Response.Clear();
                await Task.Delay(pause, context.RequestAborted);
                pause = pause * 2 > LongestPause ? LongestPause : pause * 2;
            }
        }
    }

    /// <summary>
    /// A silo's loss, or a cancellation the caller did not ask for: Orleans' distributed grain
    /// directory cancels the lookups in flight when the membership view changes (a silo voted dead),
    /// and the grain call then fails with <see cref="OperationCanceledException"/> though nothing was read.
    /// </summary>
    private static bool Retriable(Exception ex, HttpContext context) =>
        SiloLossRetry.IsSiloLoss(ex) || (ex is OperationCanceledException && !context.RequestAborted.IsCancellationRequested);

    [LoggerMessage(Level = LogLevel.Information, Message = "GET {Path}: a silo is unavailable (attempt {Attempt}, {Exception}); retrying until Orleans moves its grains")]
    private static partial void LogRetrying(ILogger logger, PathString path, int attempt, string exception);
}
