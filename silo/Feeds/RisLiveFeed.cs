using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Grid.Bgp.Model;
using Grid.Bgp.RisLive;
using Grid.Grains.Visibility;
using Grid.Silo.Feeds.Leases;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Feeds;

/// <summary>
/// Follows RIS Live over a websocket: subscribes to UPDATEs, turns them into route elements (one
/// ingest per collector, so a router seen by two collectors is two peers), and reconnects with
/// backoff. Offline, it says so in the log and in <c>/v1/feeds</c>, and keeps trying. It runs on the
/// collector (the <c>routing</c> lease); each run starts afresh, RIB bootstrap included.
/// </summary>
internal sealed partial class RisLiveFeed(
    IOptions<RisLiveOptions> options,
    IOptions<VisibilityOptions> visibility,
    IGrainFactory grains,
    FeedStatusBoard board,
    ILogger<RisLiveFeed> logger) : IExclusiveFeed
{
    public const string Name = "rislive";

    string IExclusiveFeed.Name => Name;

    private readonly Dictionary<string, RouteIngest> _ingests = new(StringComparer.Ordinal);
    private readonly List<RouteElement> _elements = [];
    private long _count;
    private long _epoch;

    public async Task RunAsync(LeaseGrant grant, CancellationToken stoppingToken)
    {
        _ingests.Clear();
        _count = 0;
        _epoch = grant.FencingToken;
        var settings = options.Value;
        var backoff = new Backoff(TimeSpan.FromSeconds(1), settings.MaxBackoff);
        var bootstrap = new RisRibBootstrap(logger);
        board.Set(Name, FeedStates.Starting);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (settings.BootstrapRib is { } rib)
                {
                    board.Set(Name, FeedStates.Connecting, $"loading {rib}");
                    await bootstrap.RunOnceAsync(rib, IngestFor(settings.BootstrapCollector, loadsTable: true), stoppingToken);
                }

                board.Set(Name, FeedStates.Connecting, settings.Url.ToString());
                await FollowAsync(settings, backoff, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever failed (the network, or a grain call timing out), the feed reconnects
                // and the silo keeps serving: a feed must never stop the host.
                var delay = backoff.Next();
                var reason = ex.InnerException?.Message ?? ex.Message;
                board.Set(Name, FeedStates.Offline, $"{settings.Url} unreachable ({reason}); retrying in {delay.TotalSeconds:0} s. Without internet, replay MRT files with --mrt.");
                LogOffline(logger, settings.Url, reason, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task FollowAsync(RisLiveOptions settings, Backoff backoff, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(settings.Url, cancellationToken);
        await socket.SendAsync(SubscribeMessage(settings.Host), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        backoff.Reset();
        board.Set(Name, FeedStates.Running, settings.Url.ToString());
        LogConnected(logger, settings.Url);

        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var lastFlush = DateTimeOffset.UtcNow;
        while (socket.State == WebSocketState.Open)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer.GetMemory(16 * 1024), cancellationToken);
                buffer.Advance(received.Count);
            }
            while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);

            if (received.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            await HandleAsync(buffer.WrittenSpan.ToArray());
            if (DateTimeOffset.UtcNow - lastFlush >= settings.FlushInterval)
            {
                await FlushAsync();
                lastFlush = DateTimeOffset.UtcNow;
            }
        }

        await FlushAsync();
        throw new WebSocketException($"the server closed the connection ({socket.CloseStatus} {socket.CloseStatusDescription})");
    }

    private async Task HandleAsync(byte[] json)
    {
        _elements.Clear();
        var message = RisLiveMessage.Read(json, _elements);
        if (message.Kind == RisLiveMessageKind.Error)
        {
            LogBadMessage(logger, message.Error);
            return;
        }

        if (_elements.Count == 0)
        {
            return;
        }

        var ingest = IngestFor(message.Collector ?? "ris");
        foreach (var element in _elements)
        {
            await ingest.AddAsync(element);
        }

        _count += _elements.Count;
        board.Progress(Name, _count, _elements[^1].Timestamp);
    }

    /// <summary>
    /// One ingest per collector: RIS Live's "host" (rrc00, or rrc00.ripe.net on newer collectors).
    /// Only the bootstrap collector's ingest loads a table (the RIB dump, ended by its flush); RIS
    /// Live itself sends updates only, so any other collector's ingest never holds the shards back.
    /// </summary>
    private RouteIngest IngestFor(string collector, bool loadsTable = false)
    {
        collector = collector.Split('.')[0];
        if (!_ingests.TryGetValue(collector, out var ingest))
        {
            ingest = new RouteIngest(grains, visibility.Value, collector, _epoch, loadsTable);
            _ingests.Add(collector, ingest);
        }

        return ingest;
    }

    private async Task FlushAsync()
    {
        foreach (var ingest in _ingests.Values)
        {
            await ingest.FlushAsync();
        }
    }

    private static byte[] SubscribeMessage(string? host)
    {
        var filter = host is { Length: > 0 } ? "\"host\":\"" + host + "\"," : "";
        return Encoding.UTF8.GetBytes("{\"type\":\"ris_subscribe\",\"data\":{\"type\":\"UPDATE\"," + filter + "\"socketOptions\":{\"includeRaw\":false}}}");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "RIS Live at {Url} is unreachable ({Reason}); retrying in {Seconds:0} s. Without internet, replay MRT files with --mrt")]
    private static partial void LogOffline(ILogger logger, Uri url, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Following RIS Live at {Url}")]
    private static partial void LogConnected(ILogger logger, Uri url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RIS Live sent a message Grid could not use: {Error}")]
    private static partial void LogBadMessage(ILogger logger, string? error);
}
