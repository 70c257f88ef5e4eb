using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Grid.Geography.Regions;

/// <summary>
/// The three forms a subdivision name is compared in, loosest last: <see cref="Exact"/>,
/// <see cref="Stripped"/> and <see cref="Skeleton"/>. The same functions fold the table's names and
/// DB-IP's, so a form matches only what the same form of a table name is.
/// </summary>
internal static class SubdivisionNameKeys
{
    // Grid runs with InvariantGlobalization, where string.Normalize does nothing: the fold of each
    // accented Latin letter, Cyrillic letter and apostrophe comes from ThirdParty/letter-folding.tsv,
    // which the generator writes from Node's Unicode data (NFKD without marks) beside the names.
    private static readonly FrozenDictionary<char, string> Folding = ReadFolding();

    // Words that say what kind of subdivision a name is, not which one: DB-IP writes "Atyrau Oblisi"
    // and "Atyrau", GeoNames "Atyrau", iso-codes "Atyrauskaja oblast'". Dropping them on both sides
    // makes those meet. City words and area words are also kept apart, to tell twins apart.
    private static readonly FrozenSet<string> CityWords = FrozenSet.Create(StringComparer.Ordinal,
        "city", "gorod", "qalasy", "sahari", "seheri", "shahri", "town");

    private static readonly FrozenSet<string> AreaWords = FrozenSet.Create(StringComparer.Ordinal,
        "oblast", "oblasti", "oblys", "oblysy", "oblisi", "voblasc", "voblast", "voblasts", "region", "province",
        "provinsi", "district", "department", "rayon", "raion", "rajon", "state", "governorate", "ostan", "county", "prefecture",
        "division", "krai", "kray", "okrug");

    private static readonly FrozenSet<string> OtherGenericWords = FrozenSet.Create(StringComparer.Ordinal,
        "municipality", "republic", "respublika", "autonomous", "of", "the", "regione", "regiao", "provincia",
        "provincie", "distrito", "distretto", "gebiet", "woblasz", "departement", "de", "di", "del", "la", "le",
        "du", "des", "d");

    // Connectives that differ between languages ("Sistan and Baluchestan", "Sīstān va Balūchestān").
    private static readonly FrozenSet<string> Connectives = FrozenSet.Create(StringComparer.Ordinal, "and", "va", "e");

    /// <summary>Words of the folded name: lower case, accents and apostrophes gone, Cyrillic in Latin letters.</summary>
    public static string[] Words(string name)
    {
        var folded = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsAscii(c))
            {
                folded.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
            }
            else if (Folding.TryGetValue(c, out var replacement))
            {
                folded.Append(replacement);
            }
            else
            {
                folded.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
            }
        }

        return folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Stage a: the folded name, words separated by one space ("homyel voblasc").</summary>
    public static string Exact(string[] words) => string.Join(' ', words);

    /// <summary>Stage b: the folded name without generic words, spaces or hyphens ("homyel").</summary>
    public static string Stripped(string[] words) => string.Concat(words.Where(word => !IsGeneric(word)));

    /// <summary>
    /// Stage c: each remaining word as its first letter and the consonants after it, words sorted.
    /// Transliterations of one name differ mostly in inner vowels, y/i/j, h-digraphs (kh, gh, zh),
    /// q for k and doubled letters ("Mangystau", "Mangghystau"; "Kyzylorda", "Qyzylorda"), and
    /// Persian names swap word order; all of that folds away. The first letter stays, vowel or not,
    /// and w stays a consonant: without them "Luhansk" met German "Uljanowsk" (RU-ULY).
    /// Too loose for short names: <see cref="SubdivisionNames"/> uses it only for long skeletons.
    /// </summary>
    public static string Skeleton(string[] words)
    {
        var skeletons = new List<string>();
        foreach (var word in words.Where(word => !IsGeneric(word) && !Connectives.Contains(word)))
        {
            var consonants = new StringBuilder(word.Length);
            foreach (var letter in word)
            {
                var c = letter switch { 'q' => 'k', 'x' => 'h', 'w' => 'v', _ => letter };
                if ((consonants.Length > 0 && "aeiouyhj".Contains(c)) || (consonants.Length > 0 && consonants[^1] == c))
                {
                    continue;
                }

                consonants.Append(c);
            }

            skeletons.Add(consonants.ToString());
        }

        skeletons.Sort(StringComparer.Ordinal);
        return string.Concat(skeletons);
    }

    public static bool HasCityWord(string[] words) => words.Any(CityWords.Contains);

    public static bool HasAreaWord(string[] words) => words.Any(AreaWords.Contains);

    private static bool IsGeneric(string word) => CityWords.Contains(word) || AreaWords.Contains(word) || OtherGenericWords.Contains(word);

    private static FrozenDictionary<char, string> ReadFolding()
    {
        var folding = new Dictionary<char, string>();
        foreach (var line in SubdivisionNames.ReadResource("letter-folding.tsv"))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            folding[(char)int.Parse(line.AsSpan(0, tab), NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = line[(tab + 1)..];
        }

        return folding.ToFrozenDictionary();
    }
}
