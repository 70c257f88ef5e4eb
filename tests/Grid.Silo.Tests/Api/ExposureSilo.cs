namespace Grid.Silo.Tests.Api;

/// <summary>
/// A demo silo behind a pretend reverse proxy: 127.0.0.1 is its one known proxy
/// (<c>Grid:Api:KnownProxies</c>), and each address gets a small bucket (burst 5, 1/s), so a test
/// sees whose address a request was counted against.
/// </summary>
public sealed class ExposureSilo : ApiSilo
{
    public const int Burst = 5;

    protected override IReadOnlyDictionary<string, string?> Extra => new Dictionary<string, string?>
    {
        ["Grid__Api__KnownProxies__0"] = "127.0.0.1",
        ["Grid__RateLimits__PerAddress__PermitsPerSecond"] = "1",
        ["Grid__RateLimits__PerAddress__Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
