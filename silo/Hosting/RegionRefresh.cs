using Grid.Geography;
using Grid.Geography.Download;
using Grid.Geography.Regions;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Hosting;

/// <summary>
/// Downloads DB-IP's City Lite into <c>&lt;Grid:Geo:Dir&gt;/regions</c> when it is missing or a month
/// old, then monthly, and swaps the loaded regions (Grid:Geo:Refresh:Regions; off by default). Each
/// file is replaced only by one the region loader opens (the code of <c>grid geo fetch --regions</c>),
/// so a failed download keeps what was there; shards re-split their counts at their next batch.
/// </summary>
internal sealed partial class RegionRefresh(
    IOptions<GeographyRefreshOptions> options,
    IConfiguration configuration,
    ReloadableGeography geography,
    ILogger<RegionRefresh> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var directory = Path.Combine(GridGeography.DirectoryOf(configuration), RegionDatabaseFile.FolderName);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(15) };
        var download = new AtomicDownload(http);
        var wait = DownloadSchedule.NextDue(RegionDatabaseFile.All.Select(f => Path.Combine(directory, f.FileName)), settings.RegionsInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Directory.CreateDirectory(directory);
            var fetched = 0;
            foreach (var file in RegionDatabaseFile.All)
            {
                var url = file.From(settings.RegionsMirror);
                var logged = 0L;
                try
                {
                    var bytes = await file.FetchAsync(download, url, directory, (read, total) =>
                    {
                        // Progress in the log every 16 MB of a 60-70 MB file.
                        if (read - logged >= 16 << 20)
                        {
                            logged = read;
                            LogProgress(logger, file.FileName, read >> 20, total >> 20);
                        }
                    }, stoppingToken);
                    LogFetched(logger, file.FileName, bytes, directory);
                    fetched++;
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException or UnauthorizedAccessException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, url, ex.Message);
                }
            }

            if (fetched > 0)
            {
                try
                {
                    geography.ReplaceRegions(await Task.Run(() => RegionMapLoader.Load(directory, SubdivisionNames.Load(), logger), stoppingToken));
                }
                catch (Exception ex) when (ex is InvalidDataException or IOException && !stoppingToken.IsCancellationRequested)
                {
                    LogReloadFailed(logger, ex.Message);
                    fetched = 0;
                }
            }

            wait = fetched == RegionDatabaseFile.All.Count ? settings.RegionsInterval : settings.RetryAfterFailure;
        }
    }


    [LoggerMessage(Level = LogLevel.Information, Message = "Regions: downloading {File}, {Read} of {Total} MB")]
    private static partial void LogProgress(ILogger logger, string file, long read, long? total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {File} ({Bytes} bytes) into {Directory} (IP Geolocation by DB-IP, CC BY 4.0)")]
    private static partial void LogFetched(ILogger logger, string file, long bytes, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch {Url} ({Reason}); the regions folder keeps its previous files, and Grid tries again later")]
    private static partial void LogFailed(ILogger logger, Uri url, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not load the refreshed regions ({Reason}); the previous region data stays in use")]
    private static partial void LogReloadFailed(ILogger logger, string reason);
}
