using System.Net;

namespace Grid.Bgp.Session;

/// <summary>Grid's own speaker: who it is, where it listens, and its timers.</summary>
public sealed record BgpSpeakerOptions
{
    /// <summary>Where passive sessions are accepted (e.g. 127.0.0.1:1179); null to accept none.</summary>
    public IPEndPoint? Listen { get; init; }

    public required uint LocalAs { get; init; }

    /// <summary>The BGP Identifier (RFC 6286): a 32-bit number, written as an IPv4 address.</summary>
    public required uint RouterId { get; init; }

    /// <summary>The hold time Grid proposes (RFC 4271 §4.2); the session uses the smaller of both.</summary>
    public ushort HoldTime { get; init; } = 90;

    /// <summary>The first ConnectRetry wait (RFC 4271 §10 suggests 120 s); it doubles per failure up to <see cref="MaxConnectRetry"/>.</summary>
    public TimeSpan ConnectRetry { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxConnectRetry { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How long an OPEN may take to arrive on a new connection (RFC 4271 §8.2.2: "a large value", 4 minutes).</summary>
    public TimeSpan OpenWait { get; init; } = TimeSpan.FromSeconds(240);
}
