using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Grid.Geography;

namespace Grid.Grains.Entities;

/// <summary>
/// A watched entity: its kind and its code, which is also its grain key. A country's code is its
/// ISO 3166-1 alpha-2 code in upper case (<c>BY</c>); an autonomous system's is <c>AS</c> and its
/// number (<c>AS6697</c>); a region's is its country, a hyphen and its code (<c>MM-02</c>). Build keys here rather than from strings, so that every grain, shard,
/// API route and metric spells an entity the same way.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.EntityKey")]
public readonly record struct EntityKey
{
    private EntityKey(EntityKind kind, string code) => (Kind, Code) = (kind, code);

    [Id(0)]
    public EntityKind Kind { get; }

    /// <summary><c>BY</c> or <c>AS6697</c>: the grain key of the entity's <see cref="ICountryGrain"/> or <see cref="IAsGrain"/>.</summary>
    [Id(1)]
    public string Code { get; }

    /// <summary>An AS's number; 0 for a country.</summary>
    public uint Asn => Kind == EntityKind.As ? uint.Parse(Code.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture) : 0;

    /// <summary>A country's code; <c>default</c> for an AS.</summary>
    public CountryCode CountryCode => Kind == EntityKind.Country ? CountryCode.Parse(Code) : default;

    public static EntityKey Country(CountryCode country) => new(EntityKind.Country, country.ToString());

    public static EntityKey As(uint asn) => new(EntityKind.As, string.Create(CultureInfo.InvariantCulture, $"AS{asn}"));

    /// <summary>
    /// A region: its country's code, a hyphen, and its ISO 3166-2 code or its name (<c>MM-02</c>,
    /// <c>mm-bago</c>), upper case with runs of anything but letters and digits made one hyphen.
    /// </summary>
    public static bool TryRegion(string? text, out EntityKey key)
    {
        key = default;
        if (text is null || text.Length < 4 || text[2] != '-' || !CountryCode.TryParse(text[..2], out var country))
        {
            return false;
        }

        var name = new System.Text.StringBuilder(text.Length);
        foreach (var c in text.AsSpan(3))
        {
            if (char.IsLetterOrDigit(c))
            {
                name.Append(char.ToUpperInvariant(c));
            }
            else if (name.Length > 0 && name[^1] != '-')
            {
                name.Append('-');
            }
        }

        var code = name.ToString().TrimEnd('-');
        if (code.Length == 0)
        {
            return false;
        }

        key = new EntityKey(EntityKind.Region, $"{country}-{code}");
        return true;
    }

    /// <summary>A region's country: the two letters before its hyphen.</summary>
    public CountryCode RegionCountry => Kind == EntityKind.Region ? CountryCode.Parse(Code[..2]) : default;

    /// <summary>Reads a grain key: two letters are a country (<c>BY</c>, <c>by</c>), <c>AS</c> and digits an AS (<c>AS6697</c>, <c>as6697</c>).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out EntityKey key)
    {
        // AS-… is a region of American Samoa, not an AS.
        if (text is not null && text.StartsWith("AS", StringComparison.OrdinalIgnoreCase) && text.Length > 2 && text[2] != '-')
        {
            return TryParseAs(text, out key);
        }

        if (CountryCode.TryParse(text, out var country))
        {
            key = Country(country);
            return true;
        }

        return TryRegion(text, out key);
    }

    public static EntityKey Parse(string text) =>
        TryParse(text, out var key) ? key : throw new FormatException($"'{text}' is neither a country code such as BY, an AS such as AS6697, nor a region such as MM-02.");

    /// <summary>Reads an AS as users type it: <c>AS6697</c>, <c>as6697</c> or <c>6697</c>.</summary>
    public static bool TryParseAs([NotNullWhen(true)] string? text, out EntityKey key)
    {
        key = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var digits = text.StartsWith("AS", StringComparison.OrdinalIgnoreCase) ? text.AsSpan(2) : text.AsSpan();
        if (!uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var asn))
        {
            return false;
        }

        key = As(asn);
        return true;
    }

    /// <summary>The code: <c>BY</c> or <c>AS6697</c>.</summary>
    public override string ToString() => Code ?? "";
}
