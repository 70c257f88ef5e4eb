using System.Collections.Frozen;
using Grid.Geography;
using Grid.Grains.Elections;

namespace Grid.Grains.Countries;

/// <summary>
/// Country names as measurement and civil-society datasets write them to ISO 3166-1 codes: IODA's
/// investigated outages ("Myanmar/Burma", "Ivory Coast (Cote d'Ivoire)", "Antigua &amp; Barbuda",
/// "Turkey") and Access Now's STOP sheets ("Iran (Islamic Republic of)", "Tanzania, United
/// Republic of", "SriLanka", "Somaliland"). First the names no rule reaches, then each variant
/// (before and inside the parentheses, before a comma, either side of a slash, "&amp;" as "and")
/// through the election calendar's name matching.
/// </summary>
public static class InformalCountryNames
{
    private static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Turkey"] = "TR",
        ["Macedonia"] = "MK",
        ["Great Britain"] = "GB",
        ["Swaziland"] = "SZ",
        ["Cape Verde"] = "CV",
        ["Laos"] = "LA",
        ["Vietnam"] = "VN",
        ["South Korea"] = "KR",
        ["Syria"] = "SY",
        ["Palestine"] = "PS",
        ["Palestinian Territories"] = "PS",
        ["Democratic Republic of (DRC)"] = "CD",
        ["Congo"] = "CG",
        ["Reunion"] = "RE",
        ["Curacao"] = "CW",
        ["Saint Martin"] = "MF",
        ["Timor Leste"] = "TL",
        ["Federated States Of Micronesia"] = "FM",
        ["Kyrgyz Republic (Kyrgyzstan)"] = "KG",
        ["Ivory Coast (Cote d'Ivoire)"] = "CI",
        ["Brunei Darussalam"] = "BN",
        ["Bonaire, Sint Eustatius and Saba"] = "BQ",
        ["Bonaire/Sint Eustatius/Saba"] = "BQ",
        ["Hong Kong"] = "HK",
        ["Taiwan"] = "TW",
        ["Iran"] = "IR",
        ["Moldova"] = "MD",
        ["Tanzania"] = "TZ",
        ["Bolivia"] = "BO",
        ["Venezuela"] = "VE",
        ["European Union"] = "EU",
        ["Sao Tome And Principe"] = "ST",
        // STOP's sheets write some names without their spaces.
        ["SriLanka"] = "LK",
        ["DemocraticRepublicCongo"] = "CD",
        // Somaliland declared independence in 1991, but ISO 3166 assigns it no code: it is counted as Somalia.
        ["Somaliland"] = "SO",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static bool TryMap(string name, out CountryCode country)
    {
        var trimmed = name.Trim();
        if (Aliases.TryGetValue(trimmed, out var code))
        {
            country = CountryCode.Parse(code);
            return true;
        }

        foreach (var variant in Variants(trimmed))
        {
            if (ElectionCountryNames.TryMap(variant, out country))
            {
                return true;
            }
        }

        country = CountryCode.Unknown;
        return false;
    }

    private static IEnumerable<string> Variants(string name)
    {
        var plain = name.Replace("&", "and", StringComparison.Ordinal);
        yield return plain;
        var open = plain.IndexOf('(', StringComparison.Ordinal);
        if (open > 0 && plain.EndsWith(')'))
        {
            yield return plain[..open].Trim();
            yield return plain[(open + 1)..^1].Trim();
        }

        // "Tanzania, United Republic of", "Palestine, State of": ISO's inverted long forms.
        var comma = plain.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0)
        {
            yield return plain[..comma].Trim();
        }

        foreach (var part in plain.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            yield return part;
        }
    }
}
