using System.Diagnostics.CodeAnalysis;

namespace Grid.Geography;

/// <summary>
/// An ISO 3166-1 alpha-2 code as RIRs use it (upper case), in two bytes. <see cref="Unknown"/>
/// (<c>ZZ</c>) marks address space no data set places in a country.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CountryCodeJsonConverter))]
public readonly record struct CountryCode : IComparable<CountryCode>
{
    private readonly ushort _value;

    private CountryCode(char first, char second) => _value = (ushort)((first << 8) | second);

    public static CountryCode Unknown { get; } = new('Z', 'Z');

    public bool IsUnknown => this == Unknown;

    public static CountryCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not a two-letter country code such as BY.");

    /// <summary>Accepts two ASCII letters in either case.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out CountryCode code) => TryParse(text.AsSpan(), out code);

    public static bool TryParse(ReadOnlySpan<char> text, out CountryCode code)
    {
        code = default;
        if (text.Length != 2 || !char.IsAsciiLetter(text[0]) || !char.IsAsciiLetter(text[1]))
        {
            return false;
        }

        code = new CountryCode(char.ToUpperInvariant(text[0]), char.ToUpperInvariant(text[1]));
        return true;
    }

    public int CompareTo(CountryCode other) => _value.CompareTo(other._value);

    public override string ToString() => _value == 0 ? "" : string.Create(2, _value, static (span, v) =>
    {
        span[0] = (char)(v >> 8);
        span[1] = (char)(v & 0xFF);
    });
}
