namespace Grid.Geography.Regions;

/// <summary>Turns the names a region database uses into ISO 3166-2 codes, where they match one.</summary>
public interface IRegionNaming
{
    /// <summary>The ISO 3166-2 code (<c>BY-HM</c>) of <paramref name="name"/> in <paramref name="country"/>, or null when none matches for sure.</summary>
    string? IsoCodeOf(CountryCode country, string name);

    /// <summary>The English name of an ISO 3166-2 code, or null.</summary>
    string? IsoNameOf(string code);
}
