namespace Grid.Client.Model;

/// <summary>A webhook subscription as the server shows it: everything but its secret.</summary>
public sealed record Subscription(string Id, string Url, string[] Countries, uint[] Asns, string MinLevel, bool ElectionOnly, string Format, DateTimeOffset CreatedAt, string[]? Regions = null, bool WatchNotices = false);

/// <summary>
/// The body of <c>POST /v1/subscriptions</c>. <see cref="Secret"/> (16 characters or more) keys the
/// X-Grid-Signature HMAC-SHA256 of each delivery; empty lists mean every country, AS and region,
/// and a listed country also covers its regions (<c>BY-HM</c>).
/// </summary>
public sealed record NewSubscription(string Url, string Secret, string[]? Countries = null, uint[]? Asns = null, string? MinLevel = null, bool ElectionOnly = false, string? Format = null, string[]? Regions = null, bool WatchNotices = false);
