using Grid.Geography.Regions;

namespace Grid.Silo.Hosting;

/// <summary>
/// Loads region data (Grid:Geo:Regions) at start. Regions are optional: without the file the silo
/// says in one line how to turn them on, and a file it cannot read leaves them off with the reason;
/// neither stops the silo.
/// </summary>
internal static partial class RegionLoader
{
    public static RegionMap? Load(string? configured, string geoDirectory, ILogger logger)
    {
        var path = configured is { Length: > 0 } ? configured : Path.Combine(geoDirectory, "regions");
        if (configured is not { Length: > 0 } && !Directory.Exists(path))
        {
            LogOff(logger, Path.GetFullPath(path));
            return null;
        }

        try
        {
            LogLoading(logger, Path.GetFullPath(path));
            return RegionMapLoader.Load(path, SubdivisionNames.Load(), logger);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            LogFailed(logger, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Regions are off: no region data in {Path}. Run `grid geo fetch --regions` (DB-IP City Lite), or set Grid:Geo:Regions to its .mmdb")]
    private static partial void LogOff(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Regions: loading {Path} (IP Geolocation by DB-IP, CC BY 4.0)")]
    private static partial void LogLoading(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Regions are off: {Problem}")]
    private static partial void LogFailed(ILogger logger, string problem);
}
