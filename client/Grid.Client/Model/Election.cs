namespace Grid.Client.Model;

/// <summary>An entry of <c>GET /v1/elections</c>, with the window in which Grid tags events and alerts as election-related.</summary>
public sealed record Election(string Country, DateOnly Date, string Type, string Source, DateTimeOffset WatchFrom, DateTimeOffset WatchUntil);
