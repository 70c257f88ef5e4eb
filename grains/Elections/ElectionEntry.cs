namespace Grid.Grains.Elections;

/// <summary>One election in the calendar: the country (ISO code), the day, what is elected, and where the entry came from.</summary>
[GenerateSerializer, Alias("grid.ElectionEntry")]
public sealed record ElectionEntry([property: Id(0)] string Country, [property: Id(1)] DateOnly Date, [property: Id(2)] string Type, [property: Id(3)] string Source);
