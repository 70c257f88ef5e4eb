namespace Grid.Grains.Elections;

/// <summary>One election in the calendar: the country (ISO code), the day, what is elected, and where the entry came from.</summary>
public sealed record ElectionEntry(string Country, DateOnly Date, string Type, string Source);

/// <summary>What an import did: entries added, duplicates skipped, and the country names it could not map to ISO codes.</summary>
public sealed record ElectionImport(int Added, int Duplicates, int Skipped, string[] UnmappedCountries);
