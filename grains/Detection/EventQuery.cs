namespace Grid.Grains.Detection;

/// <summary>
/// Filters of <c>GET /v1/events</c>; null means any. Pages count from 1; <see cref="Offset"/>, when
/// given, replaces the page's start (cursor paging). <see cref="Open"/> keeps only open (true) or closed (false) events.
/// </summary>
[GenerateSerializer, Alias("grid.EventQuery")]
public sealed record EventQuery([property: Id(0)] string? Country, [property: Id(1)] string? Entity, [property: Id(2)] DateTimeOffset? From, [property: Id(3)] DateTimeOffset? Until, [property: Id(4)] DetectionLevel? Level, [property: Id(5)] int Page, [property: Id(6)] int PageSize, [property: Id(7)] bool? Open = null, [property: Id(8)] int? Offset = null);
