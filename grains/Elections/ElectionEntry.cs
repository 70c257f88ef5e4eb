namespace Grid.Grains.Elections;

/// <summary>One election in the calendar: the country (ISO code), the day, what is elected, and where the entry came from.</summary>
[GenerateSerializer, Alias("grid.ElectionEntry")]
public sealed record ElectionEntry([property: Id(0)] string Country, [property: Id(1)] DateOnly Date, [property: Id(2)] string Type, [property: Id(3)] string Source);

/// <summary>What an import did: entries added, duplicates skipped, and the country names it could not map to ISO codes.</summary>
[GenerateSerializer, Alias("grid.ElectionImport")]
public sealed record ElectionImport([property: Id(0)] int Added, [property: Id(1)] int Duplicates, [property: Id(2)] int Skipped, [property: Id(3)] string[] UnmappedCountries);
