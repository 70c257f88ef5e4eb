using System.CommandLine;
using System.CommandLine.Parsing;
using Grid.Geography.Download;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary>
/// `grid geo fetch`: downloads the five RIRs' delegated-extended statistics files into the folder
/// a Grid server reads its geography from (Grid:Geo:Dir). Each file is replaced whole or not at
/// all, so a failed or offline fetch leaves a working folder as it was.
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

    public GeoFetchCommand()
        : base("fetch", "Download the five RIRs' delegated-extended statistics files")
    {
        Options.Add(_directory);
        Options.Add(_source);
        SetAction((parseResult, cancellationToken) => FetchAllAsync(parseResult.GetValue(_directory)!, parseResult.GetValue(_source), cancellationToken));
    }

    private static async Task<int> FetchAllAsync(string directory, Uri? mirror, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Patience };
        http.DefaultRequestHeaders.UserAgent.ParseAdd($"grid/{typeof(GeoFetchCommand).Assembly.GetName().Version?.ToString(3)}");
        var download = new StatisticsDownload(http);
        var files = RirStatisticsFile.All;
        Task<string?> FetchAsync(RirStatisticsFile file, Action<long, long?> progress) =>
            FetchOneAsync(download, file, file.From(mirror), directory, progress, cancellationToken);

        var outcomes = ShowsProgress
            ? await FetchWithBarsAsync(files, FetchAsync)
            : await Task.WhenAll(files.Select(file => FetchAsync(file, static (_, _) => { })));

        foreach (var (file, outcome) in files.Zip(outcomes))
        {
            if (outcome is { } error)
            {
                await Console.Error.WriteLineAsync($"{file.Registry}: could not download {file.From(mirror)}: {error}. {directory} keeps its previous files.");
            }
            else
            {
                Console.WriteLine($"{file.Registry}: {Path.Combine(directory, file.FileName)}");
            }
        }

        var failed = outcomes.Count(error => error is not null);
        Console.WriteLine(failed == 0
            ? $"Fetched all {files.Count} RIR statistics files into {directory}."
            : $"Fetched {files.Count - failed} of {files.Count} RIR statistics files into {directory}; {failed} failed (see above).");
        if (failed == files.Count && mirror is null)
        {
            await Console.Error.WriteLineAsync(
                "Without internet access, fetch on a machine that has it and copy the folder over, or serve the files nearby and pass --source.");
        }

        return failed == 0 ? 0 : 1;
    }

    // One bar per registry, all downloading at once; a failed bar stops where it was, marked, and
    // the reason is printed after the bars.
    private static Task<string?[]> FetchWithBarsAsync(IReadOnlyList<RirStatisticsFile> files, Func<RirStatisticsFile, Action<long, long?>, Task<string?>> fetch) =>
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(context => Task.WhenAll(files.Select(async file =>
            {
                var bar = context.AddTask(file.Registry, maxValue: 1);
                bar.IsIndeterminate = true;
                var error = await fetch(file, (received, length) =>
                {
                    bar.IsIndeterminate = length is null;
                    bar.MaxValue = length ?? Math.Max(received, 1);
                    bar.Value = received;
                });
                bar.IsIndeterminate = false;
                if (error is null)
                {
                    bar.StopTask();
                }
                else
                {
                    bar.Description = $"{file.Registry} [red]failed[/]";
                }

                return error;
            })));

    /// <summary>Null on success, else why the file could not be fetched, in words for the user.</summary>
    private static async Task<string?> FetchOneAsync(
        StatisticsDownload download, RirStatisticsFile file, Uri url, string directory, Action<long, long?> progress, CancellationToken cancellationToken)
    {
        try
        {
            await download.FetchAsync(file, url, directory, progress, cancellationToken);
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

        result.AddError($"--source must be an http:// or https:// URL such as http://mirror.example/rir/, not '{text}'.");
        return null;
    }
}
