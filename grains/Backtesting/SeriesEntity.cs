using Grid.Grains.Entities;

namespace Grid.Grains.Backtesting;

/// <summary>
/// An entity as series and CODF name it: <c>country/BY</c>, <c>asn/AS6697</c> (or <c>asn/6697</c>),
/// <c>region/MM-02</c> (a region by its country and its ISO 3166-2 code or name).
/// </summary>
public static class SeriesEntity
{
    /// <summary>Reads <paramref name="text"/>; on failure <paramref name="problem"/> says what a right one looks like.</summary>
    public static bool TryParse(string text, out EntityKey key, out string problem)
    {
        key = default;
        problem = "";
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var kind = slash < 0 ? "" : text[..slash].Trim().ToLowerInvariant();
        var code = slash < 0 ? "" : text[(slash + 1)..].Trim();
        var ok = kind switch
        {
            "country" => EntityKey.TryParse(code, out key) && key.Kind == EntityKind.Country,
            "asn" or "as" => EntityKey.TryParseAs(code, out key),
            "region" => EntityKey.TryRegion(code, out key),
            _ => false,
        };
        if (!ok)
        {
            problem = kind switch
            {
                "country" => $"'{text}' is not a country: give its ISO 3166-1 code, as country/BY",
                "asn" or "as" => $"'{text}' is not an AS: give its number, as asn/AS6697 or asn/6697",
                "region" => $"'{text}' is not a region: give its country and its ISO 3166-2 code or name, as region/MM-02 or region/MM-Bago",
                _ => $"'{text}' is not an entity: write country/BY, region/MM-02 or asn/AS6697",
            };
        }

        return ok;
    }

    /// <summary>The CODF location of <paramref name="key"/>: <c>country/BY</c>, <c>asn/6697</c>, <c>region/MM-02</c>.</summary>
    public static string Location(EntityKey key) =>
        key.Kind == EntityKind.As ? $"{key.Kind.Name()}/{key.Asn}" : $"{key.Kind.Name()}/{key.Code}";
}
