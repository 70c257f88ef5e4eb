using System.Globalization;
using System.Text;

namespace Grid.Geography.Regions;

/// <summary>
/// The key of a region that has no ISO 3166-2 code: its country, a hyphen and its name in upper-case
/// ASCII, every run of other characters one hyphen (<c>AZ</c> "Shaki City" → <c>AZ-SHAKI-CITY</c>).
/// Diacritics are dropped so that one place spelled with and without them ("Lənkəran",
/// "Lankaran") is one region, and the key stays the same from one monthly file to the next.
/// </summary>
public static class RegionSlug
{
    public static string Of(CountryCode country, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var slug = new StringBuilder(name.Length + 3).Append(country.ToString()).Append('-');
        var start = slug.Length;
        foreach (var c in name.Normalize(NormalizationForm.FormKD))
        {
            var folded = c switch
            {
                'ə' or 'Ə' => 'E',
                'ı' => 'I',
                'ł' or 'Ł' => 'L',
                'ø' or 'Ø' => 'O',
                'đ' or 'Đ' => 'D',
                _ => char.ToUpperInvariant(c),
            };
            if (CharUnicodeInfo.GetUnicodeCategory(folded) == UnicodeCategory.NonSpacingMark || folded is '\'' or '’' or '‘' or 'ʼ' or '`')
            {
                continue;
            }

            if (folded is (>= 'A' and <= 'Z') or (>= '0' and <= '9'))
            {
                slug.Append(folded);
            }
            else if (slug.Length > start && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        while (slug.Length > start && slug[^1] == '-')
        {
            slug.Length--;
        }

        // A name with no Latin letter or digit at all still needs a stable key.
        return slug.Length > start ? slug.ToString() : $"{country}-X{StableHash(name):X8}";
    }

    // FNV-1a: string.GetHashCode changes from one process to the next, and keys are stored.
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
