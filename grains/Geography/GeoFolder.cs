using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grid.Grains.Geography;

/// <summary>
/// Finds and reads the geography files in one folder, by name or header, and orders them by
/// precedence for <see cref="GeoDatabase"/>:
/// <list type="number">
/// <item><c>delegated-*</c> (optionally .gz): RIR statistics files, what `grid geo fetch`
/// downloads. Each is a full snapshot of its registry, so only the newest file per registry (by
/// its header's date) is read; among registries, newer files come first.</item>
/// <item><c>&lt;cc&gt;/ipv4-aggregated.txt</c>, <c>ipv6-aggregated.txt</c> anywhere below the folder
/// (an unpacked ipverse/country-ip-blocks), then <c>*.tar.gz</c> archives holding such lists.</item>
/// <item><c>*.csv</c> with the header "prefix,country".</item>
/// </list>
/// ASNs come from the statistics files first, then <c>*.csv</c> with the header
/// "RIR,Country Code,ASN…"; AS names from <c>*asnames*.json</c>. Anything else, and hidden files
/// (`grid geo fetch` downloads into ".name.partial" first), is not read.
/// </summary>
internal static partial class GeoFolder
{
    public static GeoDatabase Load(string directory, ILogger? logger)
    {
        logger ??= NullLogger.Instance;
        var clock = Stopwatch.StartNew();
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory).Where(IsVisible).Order(StringComparer.Ordinal).ToArray() : [];
        // Registries publish checksums and signatures beside each file: delegated-*.md5, .asc.
        var delegated = files.Where(file => Path.GetFileName(file).StartsWith("delegated-", StringComparison.Ordinal)
            && Path.GetExtension(file).ToLowerInvariant() is not (".md5" or ".asc" or ".sig")).ToArray();
        var lists = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "ipv?-aggregated.txt", SearchOption.AllDirectories)
                .Where(path => CidrListReader.IsListName(Path.GetFileName(path)) && CidrListReader.TryCountryOfPath(path, out _))
                .Order(StringComparer.Ordinal).ToArray()
            : [];
        var archives = files.Where(CidrListArchiveReader.IsArchiveName).ToArray();
        var tables = files.Where(file => file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).ToArray();
        var nameFiles = files.Where(file => file.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            && Path.GetFileName(file).Contains("asnames", StringComparison.OrdinalIgnoreCase)).ToArray();
        if (delegated.Length + lists.Length + archives.Length + tables.Length + nameFiles.Length == 0)
        {
            throw new GeoDataNotFoundException(directory);
        }

        var blocks = new List<CountryBlock>();
        var asns = new List<AsnBlock>();
        var names = new List<KeyValuePair<uint, string>>();
        var used = new List<string>();

        foreach (var (file, statistics) in NewestPerRegistry(delegated, logger))
        {
            blocks.AddRange(statistics.Blocks);
            asns.AddRange(statistics.Asns);
            used.Add(file);
        }

        foreach (var path in lists)
        {
            CidrListReader.TryCountryOfPath(path, out var country);
            Read(path, reader => CidrListReader.Read(reader, country), list => blocks.AddRange(list.Blocks), list => list.Skipped, used, logger);
        }

        foreach (var archive in archives)
        {
            var entries = TryRead(archive, () => CidrListArchiveReader.Read(archive), logger) ?? [];
            foreach (var (entry, list) in entries)
            {
                WarnAboutSkipped($"{archive}:{entry}", list.Skipped, logger);
                blocks.AddRange(list.Blocks);
            }

            if (entries.Count > 0)
            {
                used.Add(archive);
            }
        }

        var headers = tables.ToDictionary(table => table, table => TryRead(table, () => FirstLine(table), logger) ?? "");
        foreach (var table in tables.Where(table => headers[table].Trim().Equals(PrefixCountryCsvReader.Header, StringComparison.OrdinalIgnoreCase)))
        {
            Read(table, PrefixCountryCsvReader.Read, list => blocks.AddRange(list.Blocks), list => list.Skipped, used, logger);
        }

        foreach (var table in tables.Where(table => AsnCountryCsvReader.IsHeader(headers[table])))
        {
            Read(table, AsnCountryCsvReader.Read, list => asns.AddRange(list.Asns), list => list.Skipped, used, logger);
        }

        foreach (var file in nameFiles)
        {
            var list = TryRead(file, () => { using var json = File.OpenRead(file); return AsNamesJsonReader.Read(json); }, logger);
            if (list is not null)
            {
                WarnAboutSkipped(file, list.Skipped, logger);
                names.AddRange(list.Names);
                used.Add(file);
            }
        }

        var database = GeoDatabase.Create(blocks, asns, names);
        LogLoaded(logger, directory, database.IPv4BlockCount, database.IPv6BlockCount, database.AsnCount, database.AsNameCount,
            database.Countries.Count, used.Count, clock.ElapsedMilliseconds);
        return database;
    }

    // Of several files of one registry only the newest counts: each is a snapshot of everything that
    // registry has delegated, so an older one would bring back space returned since.
    private static IEnumerable<(string File, DelegatedStatistics Statistics)> NewestPerRegistry(string[] files, ILogger logger)
    {
        var read = new List<(string File, DelegatedStatistics Statistics)>();
        foreach (var file in files)
        {
            var statistics = TryRead(file, () => { using var reader = OpenText(file); return DelegatedStatisticsReader.Read(reader); }, logger);
            if (statistics is not null)
            {
                WarnAboutSkipped(file, statistics.Skipped, logger);
                read.Add((file, statistics));
            }
        }

        var newest = new List<(string File, DelegatedStatistics Statistics)>();
        foreach (var registry in read.GroupBy(item => item.Statistics.Registry.Length > 0 ? item.Statistics.Registry : item.File))
        {
            var ordered = registry.OrderByDescending(item => item.Statistics.Date).ThenByDescending(item => item.File, StringComparer.Ordinal).ToArray();
            newest.Add(ordered[0]);
            foreach (var older in ordered.Skip(1))
            {
                LogSuperseded(logger, older.File, ordered[0].File);
            }
        }

        return newest.OrderByDescending(item => item.Statistics.Date).ThenBy(item => item.File, StringComparer.Ordinal);
    }

    private static void Read<T>(string file, Func<TextReader, T> parse, Action<T> use, Func<T, SkippedLines> skipped, List<string> used, ILogger logger)
        where T : class
    {
        var result = TryRead(file, () => { using var reader = OpenText(file); return parse(reader); }, logger);
        if (result is not null)
        {
            WarnAboutSkipped(file, skipped(result), logger);
            use(result);
            used.Add(file);
        }
    }

    // A file that cannot be read at all is left out like a bad line: the other sources still load.
    private static T? TryRead<T>(string file, Func<T> read, ILogger logger)
        where T : class
    {
        try
        {
            return read();
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or JsonException or UnauthorizedAccessException)
        {
            LogUnreadable(logger, file, exception.Message);
            return null;
        }
    }

    private static TextReader OpenText(string file) =>
        file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress))
            : new StreamReader(file);

    private static string FirstLine(string file)
    {
        using var reader = new StreamReader(file);
        return reader.ReadLine() ?? "";
    }

    private static bool IsVisible(string path) => !Path.GetFileName(path).StartsWith('.');

    private static void WarnAboutSkipped(string file, SkippedLines skipped, ILogger logger)
    {
        if (skipped.Count > 0)
        {
            LogSkipped(logger, file, skipped.Count, skipped.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped {Count} unreadable lines in {File}: {Lines}")]
    private static partial void LogSkipped(ILogger logger, string file, int count, string lines);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read {File}, left out of the geography: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string file, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{File} is older than {Newer} of the same registry and is not used")]
    private static partial void LogSuperseded(ILogger logger, string file, string newer);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Geography from {Directory}: {IPv4} IPv4 and {IPv6} IPv6 blocks, {Asns} ASNs, {Names} AS names, {Countries} countries, from {Files} files in {Milliseconds} ms")]
    private static partial void LogLoaded(ILogger logger, string directory, int ipv4, int ipv6, int asns, int names, int countries, int files, long milliseconds);
}
