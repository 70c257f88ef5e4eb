using Grid.Grains.Detection;

namespace Grid.Grains.Alerts;

/// <summary>
/// Where and which alerts go. Empty <see cref="Countries"/>, <see cref="Asns"/> and <see cref="Regions"/>
/// mean every entity; a listed country also covers its regions (<see cref="AlertRouting"/>).
/// An <see cref="ElectionOnly"/> subscriber gets every alert raised inside an election watch window
/// (narrowed by its lists when given), and nothing else. <see cref="Secret"/> keys the HMAC
/// signature and is never shown again after creation. A <see cref="WatchNotices"/> subscriber also
/// gets the watch calendar's notices (<c>watch.upcoming</c>, <c>watch.opened</c>, <c>watch.closed</c>).
/// </summary>
[GenerateSerializer, Alias("grid.Subscription")]
public sealed record Subscription(
    [property: Id(0)] string Id,
    [property: Id(1)] string Url,
    [property: Id(2)] string Secret,
    [property: Id(3)] string[] Countries,
    [property: Id(4)] uint[] Asns,
    [property: Id(5)] DetectionLevel MinLevel,
    [property: Id(6)] bool ElectionOnly,
    [property: Id(7)] string Format,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] string[]? Regions = null,
    [property: Id(10)] bool WatchNotices = false)
{
    public const string JsonFormat = "json";
    public const string SlackFormat = "slack";

    /// <summary>What the API shows: everything but the secret, and the URL without what may be a token (<see cref="WebhookUrl.Redact"/>).</summary>
    public SubscriptionView View() => new(Id, WebhookUrl.Redact(Url), Countries, Asns, MinLevel, ElectionOnly, Format, CreatedAt, ListedRegions, WatchNotices);

    /// <summary>Region keys (<c>BY-HM</c>); a subscription stored before regions existed has none.</summary>
    public string[] ListedRegions => Regions ?? [];
}
