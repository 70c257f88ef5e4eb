namespace Grid.Silo.Api.RateLimits;

/// <summary>
/// Request rate limits; configuration section <c>Grid:RateLimits</c>. A request with a valid API key
/// draws on its key's bucket (<see cref="PerKey"/>), any other on its remote address's
/// (<see cref="PerAddress"/>). <c>Grid:RateLimits:Enabled=false</c> turns limiting off (benchmarks).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Grid:RateLimits";

    public bool Enabled { get; set; } = true;

    public TokenBucket PerKey { get; set; } = new() { PermitsPerSecond = 200, Burst = 1000 };

    public TokenBucket PerAddress { get; set; } = new() { PermitsPerSecond = 50, Burst = 200 };
}

/// <summary>A token bucket: <see cref="Burst"/> requests at once, refilled at <see cref="PermitsPerSecond"/>.</summary>
public sealed class TokenBucket
{
    public int PermitsPerSecond { get; set; }

    public int Burst { get; set; }
}
