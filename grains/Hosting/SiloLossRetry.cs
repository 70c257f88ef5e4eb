namespace Grid.Grains.Hosting;

/// <summary>
/// Between a silo's death and Orleans' verdict on it (a few seconds of missed probes), a call can
/// fail with <see cref="SiloUnavailableException"/> or <see cref="OrleansMessageRejectionException"/>
/// even to a live grain: its directory entry lived on the dead silo. Visibility changes must not be
/// lost that way (an entity would count a withdrawn prefix for ever), and applying a batch is a set
/// operation on the shard (announcing a held route or withdrawing a missing one changes nothing),
/// so the call is sent again until the verdict, within <see cref="Budget"/>; then the failure stands.
/// </summary>
public static class SiloLossRetry
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    public static async Task RunAsync(Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        await RunAsync(async () =>
        {
            await call();
            return true;
        });
    }

    public static async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var started = TimeProvider.System.GetTimestamp();
        var pause = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (IsSiloLoss(ex) && TimeProvider.System.GetElapsedTime(started) + pause < Budget)
            {
                await Task.Delay(pause);
                pause = pause * 2 > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : pause * 2;
            }
        }
    }

    public static bool IsSiloLoss(Exception ex) => ex is SiloUnavailableException or OrleansMessageRejectionException
        || ex.InnerException is SiloUnavailableException or OrleansMessageRejectionException;
}
