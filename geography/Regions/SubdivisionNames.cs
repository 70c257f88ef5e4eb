using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Grid.Geography.Regions;

/// <summary>
/// First-level ISO 3166-2 subdivisions and the names DB-IP's <c>state1</c> may give them, from the
/// table ThirdParty/subdivision-names.tsv embeds (iso-codes' codes, GeoNames, English, OSM and other
/// names from iso3166-2-db; see ThirdParty/README.md). <see cref="TryMatch"/> turns "Homyel’ Voblasc’"
/// into <c>BY-HO</c>, and gives no code rather than a doubtful one.
/// </summary>
public sealed class SubdivisionNames : IRegionNaming
{
    private static readonly Lazy<SubdivisionNames> Embedded = new(() => new SubdivisionNames(ReadResource("subdivision-names.tsv")));

    // A shorter skeleton ("bk", "km") is shared by too many unrelated names to be evidence.
    private const int ShortestSkeleton = 4;

    private readonly FrozenDictionary<string, Subdivision> _byCode;
    private readonly FrozenDictionary<string, Candidate[]> _exact;
    private readonly FrozenDictionary<string, Candidate[]> _stripped;
    private readonly FrozenDictionary<string, Candidate[]> _skeleton;

    private SubdivisionNames(IEnumerable<string> lines)
    {
        var subdivisions = new List<Subdivision>();
        foreach (var line in lines)
        {
            var columns = line.Split('\t');
            subdivisions.Add(new Subdivision(CountryCode.Parse(columns[0]), columns[1], columns[2].Split('|'), IsCityType(columns[3])));
        }

        _byCode = subdivisions.ToFrozenDictionary(subdivision => subdivision.Code, StringComparer.Ordinal);
        _exact = Index(subdivisions, SubdivisionNameKeys.Exact, 1);
        _stripped = Index(subdivisions, SubdivisionNameKeys.Stripped, 1);
        _skeleton = Index(subdivisions, SubdivisionNameKeys.Skeleton, ShortestSkeleton);
    }

    /// <summary>The table embedded in this assembly, read once.</summary>
    public static SubdivisionNames Load() => Embedded.Value;

    /// <summary>How many subdivisions the table holds (3,715 from iso-codes 4.15).</summary>
    public int Count => _byCode.Count;

    /// <summary>
    /// The ISO 3166-2 code (<c>BY-HM</c>) of the subdivision of <paramref name="country"/> that
    /// <paramref name="dbipName"/> names, or false when no name matches or when it could be two.
    /// </summary>
    public bool TryMatch(CountryCode country, string dbipName, [NotNullWhen(true)] out string? code)
    {
        code = Explain(country, dbipName).Code;
        return code is not null;
    }

    /// <summary>The code <see cref="TryMatch"/> gives and the stage that found it: 'a', 'b', 'c', or '-' for none.</summary>
    internal (string? Code, char Stage) Explain(CountryCode country, string dbipName)
    {
        var match = Match(country, dbipName);
        if (match.Stage == '-' && dbipName.IndexOf('(', StringComparison.Ordinal) is var open and > 0 &&
            dbipName.IndexOf(')', open) is var close && close > open)
        {
            // "Zabaykalskiy (Transbaikal) Kray": the name around the brackets, then the one inside.
            match = Match(country, string.Concat(dbipName.AsSpan(0, open), " ", dbipName.AsSpan(close + 1)));
            if (match.Stage == '-')
            {
                match = Match(country, dbipName[(open + 1)..close]);
            }
        }

        return match;
    }

    /// <summary>The English name of a subdivision ("Minsk" for <c>BY-HM</c>), or null for an unknown code.</summary>
    public string? NameOf(string code) => _byCode.TryGetValue(code, out var subdivision) ? subdivision.EnglishName : null;

    string? IRegionNaming.IsoCodeOf(CountryCode country, string name) => TryMatch(country, name, out var code) ? code : null;

    string? IRegionNaming.IsoNameOf(string code) => NameOf(code);

    // Stages, loosest last; the first that finds anything decides, so a looser form can never
    // overrule a closer one. A stage that finds two codes it cannot tell apart gives no code rather
    // than falling through to a looser stage, which could only be less sure.
    // A stage that finds candidates but cannot choose reports its letter with no code, which also
    // keeps the bracket fallback of Explain from trying again.
    private (string? Code, char Stage) Match(CountryCode country, string dbipName)
    {
        var words = SubdivisionNameKeys.Words(dbipName);
        if (words.Length == 0)
        {
            return (null, '-');
        }

        var prefix = country + " ";
        if (Find(_exact, prefix + SubdivisionNameKeys.Exact(words)) is { } exact)
        {
            return (Decide(exact, words), 'a');
        }

        if (Find(_stripped, prefix + SubdivisionNameKeys.Stripped(words)) is { } stripped)
        {
            return (Decide(stripped, words), 'b');
        }

        var skeleton = SubdivisionNameKeys.Skeleton(words);
        return skeleton.Length >= ShortestSkeleton && Find(_skeleton, prefix + skeleton) is { } similar
            ? (Decide(similar, words), 'c')
            : (null, '-');
    }

    private static Candidate[]? Find(FrozenDictionary<string, Candidate[]> index, string key) =>
        index.TryGetValue(key, out var candidates) ? candidates : null;

    // Two codes for one name happen where a city and the district around it share a name (Şəki
    // city AZ-SA and Şəki rayon AZ-SAK; Almaty city KZ-ALA and Almaty oblysy KZ-ALM). A city word or
    // an area word in DB-IP's name picks the one iso-codes types that way. Failing that, a match on
    // GeoNames' own name wins, since DB-IP derives state1 from GeoNames: its "Minsk" is the oblast
    // (BY-MI), whose GeoNames name is "Minsk"; the city is "Minsk City". Otherwise, no code.
    private static string? Decide(Candidate[] candidates, string[] words)
    {
        if (candidates.Length == 1)
        {
            return candidates[0].Subdivision.Code;
        }

        var wantsCity = SubdivisionNameKeys.HasCityWord(words);
        var wantsArea = SubdivisionNameKeys.HasAreaWord(words);
        if (wantsCity != wantsArea && Single(candidates.Where(candidate => candidate.Subdivision.IsCity == wantsCity)) is { } typed)
        {
            return typed;
        }

        return Single(candidates.Where(candidate => candidate.Rank == 0));
    }

    private static string? Single(IEnumerable<Candidate> candidates)
    {
        var codes = candidates.Select(candidate => candidate.Subdivision.Code).Distinct().Take(2).ToArray();
        return codes.Length == 1 ? codes[0] : null;
    }

    // Each key lists every subdivision of the country one of whose names has that key, once, with the
    // position of its best such name (0: the GeoNames name).
    private static FrozenDictionary<string, Candidate[]> Index(List<Subdivision> subdivisions, Func<string[], string> key, int shortest)
    {
        var index = new Dictionary<string, List<Candidate>>(StringComparer.Ordinal);
        foreach (var subdivision in subdivisions)
        {
            for (var rank = 0; rank < subdivision.Names.Length; rank++)
            {
                var form = key(SubdivisionNameKeys.Words(subdivision.Names[rank]));
                if (form.Length < shortest)
                {
                    continue;
                }

                var entry = subdivision.Country + " " + form;
                if (!index.TryGetValue(entry, out var candidates))
                {
                    index[entry] = candidates = [];
                }

                if (!candidates.Any(candidate => candidate.Subdivision == subdivision))
                {
                    candidates.Add(new Candidate(subdivision, rank));
                }
            }
        }

        return index.ToFrozenDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
    }

    // iso-codes' types for a subdivision that is one city: "City", "Municipality" (AZ), "Capital
    // city", "Autonomous city", "City with county rights", "Town"...
    private static bool IsCityType(string type) =>
        type.Contains("city", StringComparison.OrdinalIgnoreCase) || type.Contains("municipality", StringComparison.OrdinalIgnoreCase) ||
        type.Contains("town", StringComparison.OrdinalIgnoreCase) || type.Contains("capital", StringComparison.OrdinalIgnoreCase);

    /// <summary>The data lines of an embedded ThirdParty file; lines starting with # are comments.</summary>
    internal static IEnumerable<string> ReadResource(string name)
    {
        var resource = $"Grid.Geography.Regions.ThirdParty.{name}";
        using var stream = typeof(SubdivisionNames).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded in Grid.Geography: check the EmbeddedResource items of geography/Grid.Geography.csproj.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    private sealed record Subdivision(CountryCode Country, string Code, string[] Names, bool IsCity)
    {
        // Names run GeoNames, English, iso-codes...: the English one is the second, unless there is one.
        public string EnglishName => Names.Length > 1 ? Names[1] : Names[0];
    }

    private readonly record struct Candidate(Subdivision Subdivision, int Rank);
}
