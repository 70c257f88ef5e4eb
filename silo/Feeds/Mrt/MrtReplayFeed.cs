using System.Diagnostics;
using Grid.Bgp.Model;
using Grid.Bgp.Mrt;
using Grid.Grains.Detection;
using Grid.Grains.Visibility;
using Grid.Silo.Feeds.Leases;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Feeds.Mrt;

/// <summary>
/// Replays MRT files into the shards: RIB dumps first (the state of the table), then all update
/// files merged in timestamp order, optionally paced. Progress goes to the log and to
/// <c>/v1/feeds</c>; broken records are skipped by the reader and counted. It runs on the collector
/// (the <c>routing</c> lease); a new collector replays from the start under its own epoch.
/// </summary>
internal sealed partial class MrtReplayFeed(
    IOptions<MrtReplayOptions> options,
    IOptions<VisibilityOptions> visibility,
    IGrainFactory grains,
    FeedStatusBoard board,
    SignalClock clock,
    ILogger<MrtReplayFeed> logger) : IExclusiveFeed
{
    public const string Name = "mrt";

    string IExclusiveFeed.Name => Name;

    private readonly List<MrtReader> _open = [];
    private long _elements;
    private DateTimeOffset _lastEventAt;
    private long _totalBytes;

    // How often a paced replay's wait moves the event clock on.
    private static readonly TimeSpan ClockStep = TimeSpan.FromSeconds(1);

    public async Task RunAsync(LeaseGrant grant, CancellationToken stoppingToken)
    {
        await Task.Yield();
        _open.Clear();
        _elements = 0;
        var settings = options.Value;
        var files = Probe(settings.Files);
        if (files.Count == 0)
        {
            // Thrown, not returned: the feed host runs the replay again with backoff, so a file
            // still being copied or mounted is replayed once it is there.
            throw new FileNotFoundException($"no readable MRT file among the {settings.Files.Count} given (see the log for each); the replay starts once one is readable");
        }

        _totalBytes = files.Sum(f => f.Length);
        // Update files alone carry no initial table to wait for: their first changes are readings.
        var ingest = new RouteIngest(grains, visibility.Value, Name, grant.FencingToken, loadsTable: files.Any(f => f.IsRib));
        var clock = Stopwatch.StartNew();
        board.Set(Name, FeedStates.Running, $"{files.Count} files");
        try
        {
            var endOfTables = TimeSpan.Zero;
            foreach (var rib in files.Where(f => f.IsRib))
            {
                LogPhase(logger, "RIB dump", rib.Path);
                await ReplayAsync(ingest, Elements([rib]), new ReplayPacer(0), settings, stoppingToken);

                // A RIB dump is every peer's whole table: peers may join the full-feed set now.
                var read = clock.Elapsed;
                await ingest.FlushAsync(endOfTable: true);
                endOfTables += clock.Elapsed - read;
                LogTableCounted(logger, rib.Path, read.TotalSeconds, (clock.Elapsed - read).TotalSeconds);
            }

            var updates = files.Where(f => !f.IsRib).ToList();
            if (updates.Count > 0)
            {
                LogPhase(logger, $"{updates.Count} update files, merged by time", string.Join(", ", updates.Select(u => u.Path)));
                await ReplayAsync(ingest, Elements(updates), new ReplayPacer(settings.Speed), settings, stoppingToken);
            }

            await ingest.FlushAsync(endOfTable: true);
            board.Progress(Name, _elements, _lastEventAt);
            var errors = _open.Sum(r => r.ErrorCount);
            board.Set(Name, FeedStates.Finished, $"{_elements:N0} elements from {files.Count} files in {clock.Elapsed.TotalSeconds:0.0} s ({endOfTables.TotalSeconds:0.0} s of it counting the RIBs' ends of table); {errors} broken records skipped");
            LogFinished(logger, _elements, files.Count, clock.Elapsed.TotalSeconds, errors);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A replay that fails (a grain call timing out, a file vanishing) must not stop the silo;
            // the feed host runs it again from the start (announcements are idempotent in the shards).
            LogFailed(logger, ex, _elements);
            throw;
        }
        finally
        {
            _open.ForEach(r => r.Dispose());
        }
    }

    private List<MrtFile> Probe(IEnumerable<string> paths)
    {
        var files = new List<MrtFile>();
        foreach (var path in paths)
        {
            if (MrtFile.Probe(path, out var problem) is { } file)
            {
                files.Add(file);
            }
            else
            {
                LogUnreadable(logger, problem!);
            }
        }

        return files;
    }

    private IEnumerable<RouteElement> Elements(IReadOnlyList<MrtFile> files)
    {
        var streams = new List<IEnumerable<RouteElement>>();
        foreach (var file in files)
        {
            var reader = MrtReader.Open(file.Path);
            _open.Add(reader);
            streams.Add(reader.RouteElements());
        }

        return streams.Count == 1 ? streams[0] : TimestampMerge.Merge(streams);
    }

    /// <summary>
    /// Waits until the next element is due, moving the event clock on each second by the recorded
    /// time that passes meanwhile (never past the element itself): an entity whose routes are gone
    /// is judged through the silent hours, as it would have been live.
    /// </summary>
    private async Task WaitPacedAsync(ReplayPacer pacer, TimeSpan due, DateTimeOffset next, CancellationToken cancellationToken)
    {
        var until = Stopwatch.GetTimestamp() + (long)(due.TotalSeconds * Stopwatch.Frequency);
        for (var left = due; left > TimeSpan.Zero; left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), until))
        {
            await Task.Delay(left < ClockStep ? left : ClockStep, cancellationToken);
            if (pacer.Now is { } now)
            {
                clock.Observe(now < next ? now : next);
            }
        }
    }

    private async Task ReplayAsync(RouteIngest ingest, IEnumerable<RouteElement> elements, ReplayPacer pacer, MrtReplayOptions settings, CancellationToken cancellationToken)
    {
        var lastReport = Stopwatch.StartNew();
        var sinceReport = 0L;
        foreach (var element in elements)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var due = pacer.DueIn(element.Timestamp);
            if (due > TimeSpan.Zero)
            {
                // Paced: what was read so far must be visible before the replay waits.
                await ingest.FlushAsync();
                await WaitPacedAsync(pacer, due, element.Timestamp, cancellationToken);
            }

            await ingest.AddAsync(element);
            _elements++;
            _lastEventAt = element.Timestamp;
            sinceReport++;
            if (lastReport.Elapsed >= settings.ProgressInterval)
            {
                ReportProgress(sinceReport / lastReport.Elapsed.TotalSeconds, element.Timestamp);
                lastReport.Restart();
                sinceReport = 0;
            }
        }

    }

    private void ReportProgress(double rate, DateTimeOffset at)
    {
        var read = _open.Sum(r => r.InputPosition);
        var percent = _totalBytes == 0 ? 100 : Math.Min(100, 100.0 * read / _totalBytes);
        board.Progress(Name, _elements, at);
        LogProgress(logger, percent, _elements, rate, at);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MRT replay: {Phase}: {Files}")]
    private static partial void LogPhase(ILogger logger, string phase, string files);

    [LoggerMessage(Level = LogLevel.Information, Message = "MRT replay: {File} read at {Read:0.0} s; its end of table counted in {Counted:0.0} s more (every shard's counts reported to their entities)")]
    private static partial void LogTableCounted(ILogger logger, string file, double read, double counted);

    [LoggerMessage(Level = LogLevel.Information, Message = "MRT replay: {Percent:0.0}% read, {Elements} elements, {Rate:0} elements/s, at {At:u}")]
    private static partial void LogProgress(ILogger logger, double percent, long elements, double rate, DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Information, Message = "MRT replay finished: {Elements} elements from {Files} files in {Seconds:0.0} s; {Errors} broken records skipped")]
    private static partial void LogFinished(ILogger logger, long elements, int files, double seconds, long errors);

    [LoggerMessage(Level = LogLevel.Error, Message = "MRT replay failed after {Elements} elements; the silo keeps serving what was loaded and replays again")]
    private static partial void LogFailed(ILogger logger, Exception exception, long elements);

    [LoggerMessage(Level = LogLevel.Error, Message = "MRT replay skips a file: {Problem}")]
    private static partial void LogUnreadable(ILogger logger, string problem);
}
