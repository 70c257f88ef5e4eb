using Grid.Grains.Access;
using Grid.Silo.Hosting.Cluster;

namespace Grid.Silo.Api.Auth;

/// <summary>
/// Keeps <see cref="StoredKeyCache"/> current: loads the keys at start, then compares the keys
/// grain's version every <see cref="Interval"/>, so a key made or deleted on another silo of a
/// cluster takes effect here within that interval (on this silo at once, see <see cref="RefreshAsync"/>).
/// </summary>
internal sealed class StoredKeyRefresh(IGrainFactory grains, StoredKeyCache cache, SiloReadiness readiness, ILogger<StoredKeyRefresh> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    public static async Task RefreshAsync(IGrainFactory grains, StoredKeyCache cache)
    {
        var registry = grains.GetGrain<IApiKeysGrain>(IApiKeysGrain.Key);
        var version = await registry.Version();
        if (version != cache.Version)
        {
            cache.Replace(version, await registry.List());
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The keys grain can be called once the silo is active (it starts beside this service).
        await readiness.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await RefreshAsync(grains, cache);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Configured keys keep working; stored ones stay as last loaded until the next try.
                logger.LogWarning(ex, "Could not load the API keys made through /v1/keys; retrying in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
