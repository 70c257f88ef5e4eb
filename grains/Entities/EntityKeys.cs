using System.Globalization;
using Grid.Geography;

namespace Grid.Grains.Entities;

/// <summary>Grain keys of watched entities: a country is <c>BY</c>, an autonomous system <c>AS6697</c>.</summary>
public static class EntityKeys
{
    public static string Country(CountryCode country) => country.ToString();

    public static string As(uint asn) => string.Create(CultureInfo.InvariantCulture, $"AS{asn}");

    /// <summary>Accepts <c>AS6697</c>, <c>as6697</c> or <c>6697</c>, as users type them.</summary>
    public static bool TryParseAsn(string? text, out uint asn)
    {
        asn = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var digits = text.StartsWith("AS", StringComparison.OrdinalIgnoreCase) ? text.AsSpan(2) : text.AsSpan();
        return uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out asn);
    }
}
