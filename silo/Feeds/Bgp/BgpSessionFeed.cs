using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using Grid.Bgp.Session;
using Grid.Grains.Visibility;
using Grid.Silo.Feeds.Leases;
using Grid.Silo.Feeds.Live;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Feeds.Bgp;

/// <summary>
/// Runs Grid's BGP speaker (<c>Grid:Bgp</c>) and feeds its sessions' routes into the prefix shards
/// through one <see cref="LiveRouteIngest"/>, while this silo holds the <c>routing</c> lease: the
/// listener and the sessions exist only then. A configuration or bind error is reported in the log
/// and in <c>/v1/feeds</c>; the silo keeps serving.
/// </summary>
internal sealed partial class BgpSessionFeed(
    IOptions<BgpFeedOptions> options,
    IOptions<VisibilityOptions> visibility,
    IGrainFactory grains,
    FeedStatusBoard board,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers) : IExclusiveFeed, IBgpRouteSink
{
    public const string Name = "bgp";

    /// <summary>
    /// The shutdown communication (RFC 8203/9003) sent with Cease/Administrative Shutdown (RFC 4486
    /// §4, subcode 2) when the lease moves: this speaker stops collecting by an operator-level
    /// decision, not because its configuration changed (subcode 6 would say that). Neighbors see
    /// why in their logs; Grid withdraws nothing itself, the new collector rebuilds from scratch.
    /// </summary>
    public const string LeaseMovedCommunication = "Grid collector moved to another silo";

    private const string ShuttingDownCommunication = "Grid is shutting down";

    string IExclusiveFeed.Name => Name;

    private readonly ILogger _logger = loggers.CreateLogger<BgpSessionFeed>();
    private readonly Dictionary<System.Net.IPAddress, string> _modes = [];
    private LiveRouteIngest? _ingest;
    private BgpSpeaker? _speaker;

    /// <summary>Every configured neighbor, with its session and the table counted from it.</summary>
    public IReadOnlyList<PeerView> Peers()
    {
        var now = DateTimeOffset.UtcNow;
        return _speaker is not { } speaker
            ? []
            : [.. speaker.Peers.Select(peer =>
            {
                var status = peer.Status();
                return PeerView.Of(Name, status, _modes.GetValueOrDefault(peer.Options.Address, "auto"),
                    _ingest?.TableSize(Name, peer.Options.Address, peer.Options.As), now);
            }).OrderBy(view => view.Address, StringComparer.Ordinal)];
    }

    public async Task RunAsync(LeaseGrant grant, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        board.Set(Name, FeedStates.Starting);
        BgpSpeakerOptions speakerOptions;
        IReadOnlyList<(BgpPeerOptions Peer, FullFeedMode Mode)> peers;
        try
        {
            speakerOptions = BgpFeedConfiguration.Speaker(settings);
            peers = BgpFeedConfiguration.Peers(settings);
        }
        catch (InvalidOperationException e)
        {
            Fail(e.Message);
            return;
        }

        var limit = new PrefixLimit(settings.MaxPrefixesPerPeer, reached =>
            _speaker?.Peers.FirstOrDefault(p => p.Options.Address.Equals(reached.Address))?.Cease(
                BgpNotification.MaximumPrefixesReached(reached.IPv6 ? BgpFamily.IPv6Unicast : BgpFamily.IPv4Unicast, (uint)Math.Min(reached.Limit, uint.MaxValue)),
                $"more than {reached.Limit} {(reached.IPv6 ? "IPv6" : "IPv4")} prefixes (Grid:Bgp:MaxPrefixesPerPeer): sent Cease/Maximum Number of Prefixes Reached"));
        var ingest = new LiveRouteIngest(grains, visibility.Value, settings.FlushInterval, _logger, grant.FencingToken, limit);
        _ingest = ingest;
        foreach (var (peer, mode) in peers)
        {
            _modes[peer.Address] = FullFeedSetting.Name(mode);
            await ingest.SendAsync(new LiveRouteCommand.SetMode(Name, peer.Address, peer.As, mode), stoppingToken);
        }

        var speaker = new BgpSpeaker(speakerOptions, peers.Select(p => p.Peer), this, _logger);
        try
        {
            speaker.Start();
        }
        catch (InvalidOperationException e)
        {
            await speaker.DisposeAsync();
            Fail(e.Message);
            return;
        }
        _speaker = speaker;
        board.Set(Name, FeedStates.Running, speakerOptions.Listen is { } listen ? $"listening on {speaker.ListenEndpoint ?? listen}" : "active sessions only");

        var progress = ReportProgressAsync(ingest, stoppingToken);
        try
        {
            await ingest.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await speaker.StopAsync(lifetime.ApplicationStopping.IsCancellationRequested ? ShuttingDownCommunication : LeaseMovedCommunication);
            _speaker = null;
            await progress.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public ValueTask RoutesAsync(BgpPeerOptions peer, IReadOnlyList<RouteElement> routes, CancellationToken cancellationToken) =>
        _ingest!.SendAsync(new LiveRouteCommand.Routes(Name, [.. routes]), cancellationToken);

    public ValueTask EndOfRibAsync(BgpPeerOptions peer, BgpFamily family, CancellationToken cancellationToken) =>
        _ingest!.SendAsync(new LiveRouteCommand.EndOfTable(Name), cancellationToken);

    public ValueTask SessionDownAsync(BgpPeerOptions peer, string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        _ingest!.SendAsync(new LiveRouteCommand.DropPeer(Name, peer.Address, peer.As, at), cancellationToken);

    /// <summary>Progress in <c>/v1/feeds</c> and, every 10 s while routes arrive, in the log.</summary>
    private async Task ReportProgressAsync(LiveRouteIngest ingest, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        long logged = 0;
        var lastLog = DateTimeOffset.UtcNow;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var elements = ingest.Elements;
            if (ingest.LastFlush is { } flushed)
            {
                board.Progress(Name, elements, flushed);
            }
            if (elements != logged && DateTimeOffset.UtcNow - lastLog >= TimeSpan.FromSeconds(10))
            {
                var up = _speaker?.Peers.Count(p => p.State == BgpSessionState.Established) ?? 0;
                LogProgress(_logger, elements, elements - logged, up, _speaker?.Peers.Count ?? 0);
                logged = elements;
                lastLog = DateTimeOffset.UtcNow;
            }
        }
    }

    private void Fail(string reason)
    {
        board.Set(Name, FeedStates.Failed, reason);
        LogFailed(_logger, reason);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "BGP feed not started: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "BGP: {Elements} route changes taken in ({Recent} in the last interval); {Up} of {Peers} sessions Established")]
    private static partial void LogProgress(ILogger logger, long elements, long recent, int up, int peers);
}
