using Grid.Grains.Detection;

namespace Grid.Grains.Alerts;

/// <summary>A subscription as the API shows it: everything but the secret, with its URL redacted (<see cref="WebhookUrl.Redact"/>).</summary>
[GenerateSerializer, Alias("grid.SubscriptionView")]
public sealed record SubscriptionView([property: Id(0)] string Id, [property: Id(1)] string Url, [property: Id(2)] string[] Countries, [property: Id(3)] uint[] Asns, [property: Id(4)] DetectionLevel MinLevel, [property: Id(5)] bool ElectionOnly, [property: Id(6)] string Format, [property: Id(7)] DateTimeOffset CreatedAt, [property: Id(8)] string[] Regions, [property: Id(9)] bool WatchNotices = false);
