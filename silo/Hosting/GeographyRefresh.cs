using Grid.Geography.Download;
using Grid.Geography;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Hosting;

/// <summary>
/// Downloads the five RIRs' delegated-extended files into <c>Grid:Geo:Dir</c> when they are
/// missing or a day old, then daily, and reloads geography. Each file is replaced atomically
/// (the same code as <c>grid geo fetch</c>), so a failed or offline download keeps what was there.
/// </summary>
internal sealed partial class GeographyRefresh(
    IOptions<GeographyRefreshOptions> options,
    IConfiguration configuration,
    ReloadableGeography geography,
    ILogger<GeographyRefresh> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var directory = GridGeography.DirectoryOf(configuration);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        var download = new StatisticsDownload(http);
        var wait = DownloadSchedule.NextDue(RirStatisticsFile.All.Select(f => Path.Combine(directory, f.FileName)), settings.Interval);
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

            var fetched = 0;
            foreach (var file in RirStatisticsFile.All)
            {
                var url = file.From(settings.Mirror);
                try
                {
                    var bytes = await download.FetchAsync(file, url, directory, (_, _) => { }, stoppingToken);
                    LogFetched(logger, file.Registry, bytes, Path.GetFullPath(directory));
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
                    geography.ReplaceCountries(GeoDatabase.Load(directory, logger));
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // Keep serving with the geography already loaded; a refresh must not stop the silo.
                    LogReloadFailed(logger, ex, Path.GetFullPath(directory));
                    fetched = 0;
                }
            }

            wait = fetched == RirStatisticsFile.All.Count ? settings.Interval : settings.RetryAfterFailure;
        }
    }


    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {Registry}'s delegated-extended file ({Bytes} bytes) into {Directory}")]
    private static partial void LogFetched(ILogger logger, string registry, long bytes, string directory);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not load the refreshed geography in {Directory}; the previous data stays in use")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch {Url} ({Reason}); the geography folder keeps its previous files, and Grid tries again later")]
    private static partial void LogFailed(ILogger logger, Uri url, string reason);
}
