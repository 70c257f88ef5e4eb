using Grid.Grains.Geography;

namespace Grid.Silo.Hosting;

internal static partial class GeographyLoader
{
    public static IGeography Load(string directory, ILogger logger)
    {
        LogMissing(logger, Path.GetFullPath(directory));
        return new UnknownGeography();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "RIR data not found in {Directory}: set Grid:Geo:Dir or run `grid geo fetch`. Until then all address space counts as ZZ")]
    private static partial void LogMissing(ILogger logger, string directory);
}
