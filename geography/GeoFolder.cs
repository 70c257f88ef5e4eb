using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grid.Geography;

/// <summary>
/// Reads a geography folder (<see cref="GeoFiles"/>) into a <see cref="GeoDatabase"/>, handing it the
/// sources in precedence order, since among equal prefixes and ASNs the first given wins:
/// <list type="number">
/// <item>RIR statistics files, <c>delegated-*</c> (optionally .gz), what `grid geo fetch` downloads:
/// only the newest file per registry (by its header's date), newer registries' files first;</item>
/// <item>ipverse's per-country CIDR lists, unpacked, then in <c>*.tar.gz</c> archives;</item>
/// <item><c>*.csv</c> tables: "prefix,country" for blocks, "RIR,Country Code,ASN…" for ASNs;</item>
/// <item>AS names from <c>*asnames*.json</c>.</item>
/// </list>
/// A line or a whole file that cannot be read is logged and left out; the rest still loads.
/// </summary>
internal sealed partial class GeoFolder(ILogger logger)
{
    private readonly ILogger _logger = logger;
    private readonly List<CountryBlock> _blocks = [];
    private readonly List<AsnBlock> _asns = [];
    private readonly List<KeyValuePair<uint, string>> _names = [];
    private int _filesRead;

    /// <exception cref="GeoDataNotFoundException">The folder is missing or holds no file of these kinds.</exception>
    public static GeoDatabase Load(string directory, ILogger? logger)
    {
        var clock = Stopwatch.StartNew();
        var files = GeoFiles.Find(directory);
        if (files.IsEmpty)
        {
            throw new GeoDataNotFoundException(directory);
        }

        var folder = new GeoFolder(logger ?? NullLogger.Instance);
        folder.ReadStatistics(files.Statistics);
        folder.ReadCidrLists(files.CidrLists, files.Archives);
        folder.ReadTables(files.Tables);
        folder.ReadAsNames(files.AsNames);
        var database = GeoDatabase.Create(folder._blocks, folder._asns, folder._names);
        LogLoaded(folder._logger, directory, database.IPv4BlockCount, database.IPv6BlockCount, database.AsnCount, database.AsNameCount,
            database.Countries.Count, folder._filesRead, clock.ElapsedMilliseconds);
        return database;
    }

    // Of several files of one registry only the newest counts: each is a snapshot of everything that
    // registry has delegated, so an older one would bring back space returned since.
    private void ReadStatistics(string[] files)
    {
        var read = files
            .Select(file => (File: file, Statistics: TryRead(file, () => { using var reader = OpenText(file); return DelegatedStatisticsReader.Read(reader); })))
            .Where(item => item.Statistics is not null)
            .ToList();
        var newest = new List<(string File, DelegatedStatistics Statistics)>();
        foreach (var registry in read.GroupBy(item => item.Statistics!.Registry is { Length: > 0 } name ? name : item.File))
        {
            var ordered = registry.OrderByDescending(item => item.Statistics!.Date).ThenByDescending(item => item.File, StringComparer.Ordinal).ToArray();
            newest.Add((ordered[0].File, ordered[0].Statistics!));
            foreach (var older in ordered.Skip(1))
            {
                LogSuperseded(_logger, older.File, ordered[0].File);
            }
        }

        foreach (var (file, statistics) in newest.OrderByDescending(item => item.Statistics.Date).ThenBy(item => item.File, StringComparer.Ordinal))
        {
            Use(file, statistics.Skipped);
            _blocks.AddRange(statistics.Blocks);
            _asns.AddRange(statistics.Asns);
        }
    }

    private void ReadCidrLists(string[] lists, string[] archives)
    {
        foreach (var path in lists)
        {
            CidrListReader.TryCountryOfPath(path, out var country);
            if (TryRead(path, () => { using var reader = OpenText(path); return CidrListReader.Read(reader, country); }) is { } list)
            {
                Use(path, list.Skipped);
                _blocks.AddRange(list.Blocks);
            }
        }

        foreach (var archive in archives)
        {
            foreach (var (entry, list) in TryRead(archive, () => CidrListArchiveReader.Read(archive)) ?? [])
            {
                Use($"{archive}:{entry}", list.Skipped);
                _blocks.AddRange(list.Blocks);
            }
        }
    }

    private void ReadTables(string[] tables)
    {
        var headers = tables.ToDictionary(table => table, table => TryRead(table, () => { using var reader = OpenText(table); return reader.ReadLine() ?? ""; }) ?? "");
        foreach (var table in tables.Where(table => headers[table].Trim().Equals(PrefixCountryCsvReader.Header, StringComparison.OrdinalIgnoreCase)))
        {
            if (TryRead(table, () => { using var reader = OpenText(table); return PrefixCountryCsvReader.Read(reader); }) is { } list)
            {
                Use(table, list.Skipped);
                _blocks.AddRange(list.Blocks);
            }
        }

        foreach (var table in tables.Where(table => AsnCountryCsvReader.IsHeader(headers[table])))
        {
            if (TryRead(table, () => { using var reader = OpenText(table); return AsnCountryCsvReader.Read(reader); }) is { } list)
            {
                Use(table, list.Skipped);
                _asns.AddRange(list.Asns);
            }
        }
    }

    private void ReadAsNames(string[] files)
    {
        foreach (var file in files)
        {
            if (TryRead(file, () => { using var json = File.OpenRead(file); return AsNamesJsonReader.Read(json); }) is { } list)
            {
                Use(file, list.Skipped);
                _names.AddRange(list.Names);
            }
        }
    }

    // A file that cannot be read at all is left out like a bad line: the other sources still load.
    private T? TryRead<T>(string file, Func<T> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or JsonException or UnauthorizedAccessException)
        {
            LogUnreadable(_logger, file, exception.Message);
            return null;
        }
    }

    private void Use(string file, SkippedLines skipped)
    {
        _filesRead++;
        if (skipped.Count > 0)
        {
            LogSkipped(_logger, file, skipped.Count, skipped.ToString());
        }
    }

    private static TextReader OpenText(string file) =>
        file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress))
            : new StreamReader(file);

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
