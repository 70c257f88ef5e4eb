using System.Collections.Frozen;
using Grid.Geography;

namespace Grid.Grains.Elections;

/// <summary>
/// Maps ElectionGuide's formal country names ("Republic of Belarus", "Hellenic Republic") to ISO
/// 3166-1 codes: first a table of names no rule reaches, then the formal prefix stripped and the
/// rest looked up among <see cref="CountryNames"/>. Sub-national units (Scotland, Catalunya) and
/// states that no longer exist stay unmapped, and the import reports them.
/// </summary>
public static class ElectionCountryNames
{
    private static readonly string[] FormalPrefixes =
    [
        "federal democratic republic of ", "democratic socialist republic of ", "democratic republic of ",
        "cooperative republic of ", "people's democratic republic of ", "people's republic of ",
        "federal republic of ", "federative republic of ", "independent state of ", "islamic republic of ",
        "plurinational state of ", "bolivarian republic of ", "socialist republic of ", "oriental republic of ",
        "united republic of ", "republic of the ", "republic of ", "hashemite kingdom of ", "kingdom of the ",
        "kingdom of ", "commonwealth of the ", "commonwealth of ", "principality of ", "grand duchy of ",
        "state of ", "sultanate of ", "federation of ", "union of the ", "union of ", "territory of the ",
        "territory of ", "country of ", "federated states of ", "the ",
    ];

    private static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Arab Republic of Egypt"] = "EG",
        ["Argentine Republic"] = "AR",
        ["British Virgin Islands"] = "VG",
        ["Country of Curacao"] = "CW",
        ["Country of Sint Maarten"] = "SX",
        ["Czech Republic"] = "CZ",
        ["Democratic Republic of the Congo"] = "CD",
        ["French Republic"] = "FR",
        ["Gabonese Republic"] = "GA",
        ["Hellenic Republic"] = "GR",
        ["Hong Kong Special Administrative Region"] = "HK",
        ["Italian Republic"] = "IT",
        ["Kyrgyz Republic"] = "KG",
        ["Lebanese Republic"] = "LB",
        ["Macau Special Administrative Region"] = "MO",
        ["Occupied Palestinian Territories"] = "PS",
        ["Overseas Lands of French Polynesia"] = "PF",
        ["Pitcairn, Henderson, Ducie, and Oeno Islands"] = "PN",
        ["Portuguese Republic"] = "PT",
        ["Republic of Bostwana"] = "BW",
        ["Republic of China"] = "TW",
        ["Republic of Korea"] = "KR",
        ["Republic of Kosovo"] = "XK",
        ["Republic of Turkey"] = "TR",
        ["Russian Federation"] = "RU",
        ["Saint Helena"] = "SH",
        ["Slovak Republic"] = "SK",
        ["Socialist Republic of Vietnam"] = "VN",
        ["Swiss Confederation"] = "CH",
        ["Syrian Arab Republic"] = "SY",
        ["Territory of New Caledonia and Dependencies"] = "NC",
        ["Togolese Republic"] = "TG",
        ["Tunisian Republic"] = "TN",
        ["United Kingdom of Great Britain and Northern Ireland"] = "GB",
        ["United Mexican States"] = "MX",
        ["United States of America"] = "US",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// An ISO 3166-1 code of a place (<see cref="CountryNames"/>), Kosovo's XK, or a user-assigned
    /// code (AA, QM–QZ, XA–XZ, ZZ; ISO 3166-1 §8.1.3), which Grid's own tests and labs use.
    /// </summary>
    private static bool IsInUse(CountryCode code)
    {
        var text = code.ToString();
        return CountryNames.NameOf(code) is not null
            || text is "XK" or "AA" or "ZZ"
            || (text[0] == 'Q' && text[1] >= 'M')
            || text[0] == 'X';
    }

    private static readonly FrozenDictionary<string, CountryCode> ByName = CountryNames.Codes
        .Select(code => (Name: CountryNames.NameOf(code)!, Code: code))
        .ToFrozenDictionary(entry => entry.Name, entry => entry.Code, StringComparer.OrdinalIgnoreCase);

    public static bool TryMap(string name, out CountryCode code)
    {
        code = CountryCode.Unknown;
        var trimmed = name.Trim();
        if (trimmed.Length == 2 && CountryCode.TryParse(trimmed, out code))
        {
            // Only codes that name a place: "UK" (reserved for the United Kingdom, whose code is GB)
            // or a typo would be stored and never match a country Grid watches.
            if (string.Equals(trimmed, "UK", StringComparison.OrdinalIgnoreCase))
            {
                code = CountryCode.Parse("GB");
                return true;
            }

            if (IsInUse(code))
            {
                return true;
            }

            code = CountryCode.Unknown;
            return false;
        }

        if (Aliases.TryGetValue(trimmed, out var alias))
        {
            code = CountryCode.Parse(alias);
            return true;
        }

        if (ByName.TryGetValue(trimmed, out code))
        {
            return true;
        }

        var prefix = FormalPrefixes.FirstOrDefault(p => trimmed.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        return prefix is not null && ByName.TryGetValue(trimmed[prefix.Length..], out code);
    }
}
