namespace Grid.Grains.Alerts;

/// <summary>
/// A watch-calendar entry whose window held when an alert's change happened, as the alert carries
/// it: the entry, its kind and type (its title), and its shutdown risk (level and score; null when it cannot be scored).
/// </summary>
public sealed record AlertWatch(string Id, string Kind, string Type, string? Risk, double? Score);
