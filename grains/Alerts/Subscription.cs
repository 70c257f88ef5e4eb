namespace Grid.Grains.Alerts;

/// <summary>
/// Where and which alerts go. Empty <see cref="Countries"/> and <see cref="Asns"/> mean every entity.
/// An <see cref="ElectionOnly"/> subscriber gets every alert raised inside an election watch window
/// (narrowed by its lists when given), and nothing else. <see cref="Secret"/> keys the HMAC
/// signature and is never shown again after creation.
/// </summary>
public sealed record Subscription(
    string Id,
    string Url,
    string Secret,
    string[] Countries,
    uint[] Asns,
    string MinLevel,
    bool ElectionOnly,
    string Format,
    DateTimeOffset CreatedAt)
{
    public const string JsonFormat = "json";
    public const string SlackFormat = "slack";

    /// <summary>What the API shows: everything but the secret.</summary>
    public SubscriptionView View() => new(Id, Url, Countries, Asns, MinLevel, ElectionOnly, Format, CreatedAt);
}

public sealed record SubscriptionView(string Id, string Url, string[] Countries, uint[] Asns, string MinLevel, bool ElectionOnly, string Format, DateTimeOffset CreatedAt);
