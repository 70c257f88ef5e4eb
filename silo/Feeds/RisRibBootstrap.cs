using Grid.Bgp.Mrt;
using Grid.Grains.Visibility;

namespace Grid.Silo.Feeds;

/// <summary>
/// RIS Live carries only changes; the tables themselves come from a RIS RIB dump (bview, every 8
/// hours per collector). Before following RIS Live, Grid downloads one collector's latest bview and
/// replays it, so that collector's peers have whole tables and can count as full-feed peers.
/// Updates that arrive while the dump downloads are missed; the next ones correct them.
/// </summary>
internal sealed partial class RisRibBootstrap(ILogger logger)
{
    private bool _done;

    public async Task RunOnceAsync(Uri rib, RouteIngest ingest, CancellationToken cancellationToken)
    {
        if (_done)
        {
            return;
        }

        var file = Path.Combine(Path.GetTempPath(), $"grid-ris-bview-{Environment.ProcessId}.mrt");
        try
        {
            LogDownloading(logger, rib);
            using (var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) })
            using (var response = await http.GetAsync(rib, HttpCompletionOption.ResponseHeadersRead, cancellationToken))
            {
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                await using var output = File.Create(file);
                await body.CopyToAsync(output, cancellationToken);
            }

            long elements = 0;
            using (var reader = MrtReader.Open(file))
            {
                foreach (var element in reader.RouteElements())
                {
                    await ingest.AddAsync(element);
                    if (++elements % 1_000_000 == 0)
                    {
                        LogProgress(logger, elements);
                    }
                }

                await ingest.FlushAsync(endOfTable: true);
                LogLoaded(logger, rib, elements, reader.ErrorCount);
            }

            _done = true;
        }
        finally
        {
            File.Delete(file);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetching the RIS RIB dump {Url} before following RIS Live")]
    private static partial void LogDownloading(ILogger logger, Uri url);

    [LoggerMessage(Level = LogLevel.Information, Message = "RIS RIB dump: {Elements} routes loaded so far")]
    private static partial void LogProgress(ILogger logger, long elements);

    [LoggerMessage(Level = LogLevel.Information, Message = "RIS RIB dump {Url} loaded: {Elements} routes, {Errors} broken records skipped")]
    private static partial void LogLoaded(ILogger logger, Uri url, long elements, long errors);
}
