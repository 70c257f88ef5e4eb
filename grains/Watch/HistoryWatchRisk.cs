using Grid.Geography;
using Grid.Grains.Detection;
using Grid.Grains.Elections;
using Grid.Grains.Entities;
using Grid.Grains.Risk;
using Grid.Grains.Shutdowns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Watch;

/// <summary>
/// The risk of a calendar entry from its country's record (<see cref="ShutdownRiskScorer"/>): Access
/// Now's STOP rows read once from <c>Grid:Watch:Stop</c>, and Grid's own outage events of the country
/// in the three years before the entry's day, from the event log. Without a STOP file the score
/// rests on Grid's own events alone, and the reasons say so. A score is kept for
/// <see cref="Kept"/>: <c>GET /v1/watch</c> is open to readers and lists up to Grid:Watch:MaxEntries
/// entries, and the worst caller must not buy an event-log query per entry per request.
/// </summary>
public sealed partial class HistoryWatchRisk(IOptions<WatchOptions> options, IGrainFactory grains, TimeProvider time, ILogger<HistoryWatchRisk> logger) : IWatchRiskScorer
{
    /// <summary>How long a score stands before it is taken again (Grid's own events move it, slowly).</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromMinutes(5);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTimeOffset Until, WatchRisk? Risk)> _scores = new(StringComparer.Ordinal);

    /// <summary>Grid's events older than this before an entry's day do not count (the scorer's "three years before").</summary>
    private static readonly TimeSpan OwnHistory = TimeSpan.FromDays(3 * 366);

    // By country: an entry's score reads its own country's rows, not the whole file.
    private readonly Lazy<ILookup<CountryCode, StopRecord>> _stop = new(() => LoadStop(StopPath(options.Value), logger).ToLookup(r => r.Country));

    public async ValueTask<WatchRisk?> ScoreAsync(ElectionEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var now = time.GetUtcNow();
        if (_scores.TryGetValue(entry.Id, out var kept) && kept.Until > now)
        {
            return kept.Risk;
        }

        var risk = await ScoreNowAsync(entry);
        if (_scores.Count >= options.Value.MaxEntries * 2)
        {
            _scores.Clear();
        }

        _scores[entry.Id] = (now + Kept, risk);
        return risk;
    }

    private async Task<WatchRisk?> ScoreNowAsync(ElectionEntry entry)
    {
        if (!CountryCode.TryParse(entry.Country, out var country))
        {
            return null;
        }

        var dayStart = new DateTimeOffset(entry.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var page = await grains.GetGrain<IEventLogGrain>(IEventLogGrain.Key)
            .Query(new EventQuery(country.ToString(), null, dayStart - OwnHistory, dayStart, DetectionLevel.Warning, 1, 100));
        var own = page.Items.Where(e => EntityKey.TryParse(e.Entity, out _)).Select(e => new ObservedOutage(
            e.Id, EntityKey.Parse(e.Entity), country, e.Name, e.Start, e.End, e.Level, e.Fraction, e.Election, e.Mechanism ?? EventMechanism.Unknown));
        var risk = ShutdownRiskScorer.Score(country, KindOf(entry.WatchKind), entry.Date, _stop.Value[country], own);
        IEnumerable<string> reasons = risk.Reasons;
        if (StopPath(options.Value) is null)
        {
            reasons = reasons.Prepend("no STOP history loaded (set Grid:Watch:Stop to Access Now's STOP CSV): Grid's own events only");
        }

        return new WatchRisk(
            risk.Level.ToString().ToLowerInvariant(),
            risk.Score,
            risk.Parts.ToDictionary(p => p.Name, p => (double)p.Points, StringComparer.Ordinal),
            [.. reasons]);
    }

    private static RiskEntryKind KindOf(string kind) => kind.ToLowerInvariant() switch
    {
        WatchKinds.Election => RiskEntryKind.Election,
        WatchKinds.Exam => RiskEntryKind.Exam,
        WatchKinds.Protest => RiskEntryKind.Protest,
        WatchKinds.Referendum => RiskEntryKind.Referendum,
        _ => RiskEntryKind.Other,
    };

    /// <summary>The STOP file, or null when unset; an empty value (<c>Grid__Watch__Stop=</c>) is unset, not a path.</summary>
    private static string? StopPath(WatchOptions options) => string.IsNullOrWhiteSpace(options.Stop) ? null : options.Stop;

    /// <summary>
    /// Reads the STOP file once; a file that cannot be read leaves the history empty, says why, and the
    /// silo runs on. Every failure a path or its text can bring is caught here: the <see cref="Lazy{T}"/>
    /// holding the rows would keep the exception and throw it at every score, and <c>GET /v1/watch</c>
    /// would answer 500 until a restart.
    /// </summary>
    public static IReadOnlyList<StopRecord> LoadStop(string? path, ILogger logger)
    {
        if (path is null)
        {
            return [];
        }

        try
        {
            using var reader = new StreamReader(path);
            var read = StopCsv.Read(reader, path);
            if (read.Records.Count == 0)
            {
                // A wrong file (STOP's .xlsx, another CSV) reads as no rows, and every risk would then say "no earlier shutdown in STOP".
                LogNoRows(logger, path, read.Problems.Count, read.Problems.FirstOrDefault()?.ToString() ?? "no row with a country and a start date");
            }
            else
            {
                LogLoaded(logger, read.Records.Count, path, read.Problems.Count, read.Notes.Count);
            }

            return read.Records;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or OutOfMemoryException)
        {
            LogUnreadable(logger, path, e.Message);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch risk: {Rows} STOP rows read from {Path} ({Problems} rows left out, {Notes} read in part)")]
    private static partial void LogLoaded(ILogger logger, int rows, string path, int problems, int notes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch risk: the STOP file {Path} holds no row Grid can read ({Problems} rows left out; first: {First}); risks rest on Grid's own events: point Grid:Watch:Stop at STOP's CSV (the normalized export or a year sheet saved as CSV) and restart")]
    private static partial void LogNoRows(ILogger logger, string path, int problems, string first);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch risk: the STOP file {Path} could not be read ({Reason}); risks rest on Grid's own events until it can: fix Grid:Watch:Stop and restart")]
    private static partial void LogUnreadable(ILogger logger, string path, string reason);
}
