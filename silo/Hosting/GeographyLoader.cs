using Grid.Geography;

namespace Grid.Silo.Hosting;

/// <summary>Loads RIR data at start; without it Grid runs on <see cref="UnknownGeography"/> and says how to get the data.</summary>
internal static partial class GeographyLoader
{
    public static IGeography Load(string directory, ILogger logger)
    {
        try
        {
            var database = GeoDatabase.Load(directory, logger);
            LogLoaded(logger, Path.GetFullPath(directory), database.IPv4BlockCount, database.IPv6BlockCount, database.AsnCount, database.Countries.Count);
            return database;
        }
        catch (GeoDataNotFoundException ex)
        {
            LogMissing(logger, ex.Message);
            return new UnknownGeography();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Geography from {Directory}: {IPv4Blocks} IPv4 and {IPv6Blocks} IPv6 blocks, {Asns} ASNs, {Countries} countries")]
    private static partial void LogLoaded(ILogger logger, string directory, int ipv4Blocks, int ipv6Blocks, int asns, int countries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Problem}. Until then all address space counts as ZZ")]
    private static partial void LogMissing(ILogger logger, string problem);
}
