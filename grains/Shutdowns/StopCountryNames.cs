using System.Collections.Frozen;
using Grid.Geography;

namespace Grid.Grains.Shutdowns;

/// <summary>
/// Country names as the STOP sheets spell them, for writing rows STOP's readers recognise. Where
/// the sheets changed spelling over the years, the latest sheet's (ISO 3166's English short names,
/// "Iran (Islamic Republic of)") wins; a country STOP never named gets Grid's own short name.
/// Reading goes the other way through <see cref="Countries.InformalCountryNames"/>.
/// </summary>
public static class StopCountryNames
{
    private static readonly FrozenDictionary<CountryCode, string> Spellings = new Dictionary<string, string>
    {
        ["CD"] = "Democratic Republic of the Congo",
        ["IR"] = "Iran (Islamic Republic of)",
        ["PS"] = "Palestine, State of",
        ["RU"] = "Russian Federation",
        ["SY"] = "Syrian Arab Republic",
        ["TR"] = "Turkey",
        ["TZ"] = "Tanzania, United Republic of",
        ["VE"] = "Venezuela (Bolivarian Republic of)",
    }.ToFrozenDictionary(entry => CountryCode.Parse(entry.Key), entry => entry.Value);

    /// <summary>The name to write for <paramref name="country"/>: STOP's spelling, else Grid's name, else the code.</summary>
    public static string NameOf(CountryCode country) =>
        Spellings.GetValueOrDefault(country) ?? CountryNames.NameOf(country) ?? country.ToString();
}
