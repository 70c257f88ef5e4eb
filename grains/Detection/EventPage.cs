namespace Grid.Grains.Detection;

/// <summary>One page of <c>GET /v1/events</c>: the events matching an <see cref="EventQuery"/>, and how many match in all.</summary>
[GenerateSerializer, Alias("grid.EventPage")]
public sealed record EventPage([property: Id(0)] int Page, [property: Id(1)] int PageSize, [property: Id(2)] int Total, [property: Id(3)] OutageEvent[] Items);
