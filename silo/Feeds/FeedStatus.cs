namespace Grid.Silo.Feeds;

/// <summary>How a feed is doing, as <c>GET /v1/feeds</c> shows it.</summary>
public sealed record FeedStatus(
    string Name,
    string State,
    string? Detail,
    DateTimeOffset ChangedAt,
    DateTimeOffset? LastMessageAt,
    long Elements);

/// <summary>
/// Feed states: <c>standby</c> (another silo holds the feed's lease), <c>starting</c>,
/// <c>connecting</c>, <c>running</c>, <c>offline</c> (retrying), <c>finished</c>, <c>failed</c>.
/// </summary>
public static class FeedStates
{
    public const string Standby = "standby";
    public const string Starting = "starting";
    public const string Connecting = "connecting";
    public const string Running = "running";
    public const string Offline = "offline";
    public const string Finished = "finished";
    public const string Failed = "failed";
}
