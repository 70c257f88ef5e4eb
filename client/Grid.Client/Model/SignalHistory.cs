namespace Grid.Client.Model;

/// <summary><c>GET …/signals</c>: each signal's values from <see cref="From"/> to <see cref="Until"/>, one point per <see cref="Step"/>.</summary>
public sealed record SignalHistory(string Code, DateTimeOffset From, DateTimeOffset Until, TimeSpan Step, IReadOnlyDictionary<string, SignalPoint[]> Signals);

public readonly record struct SignalPoint(DateTimeOffset At, long Value);

/// <summary>The range of a history request; each part left out takes the server's default (the last 24 hours of data, its configured step).</summary>
public sealed record SignalQuery(DateTimeOffset? From = null, DateTimeOffset? Until = null, TimeSpan? Step = null);
