namespace Grid.Grains.Elections;

/// <summary>What an import did: entries added, duplicates skipped, and the country names it could not map to ISO codes.</summary>
[GenerateSerializer, Alias("grid.ElectionImport")]
public sealed record ElectionImport([property: Id(0)] int Added, [property: Id(1)] int Duplicates, [property: Id(2)] int Skipped, [property: Id(3)] string[] UnmappedCountries);
