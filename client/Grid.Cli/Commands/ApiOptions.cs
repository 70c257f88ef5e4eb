using System.CommandLine;
using System.CommandLine.Parsing;
using Grid.Client.Model;

namespace Grid.Cli.Commands;

/// <summary>Options and arguments shared by the API commands, each checked on the command line so a typo is a usage error, not a server round trip.</summary>
internal static class ApiOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print the server's JSON instead of a table, for scripts" };

    public static Option<string?> Country(string name = "--cc") => new(name)
    {
        Description = "Only this country (ISO 3166-1 alpha-2, e.g. BY)",
        CustomParser = result => ParseCountry(result, result.Tokens[0].Value),
    };

    public static Argument<string?> CountryArgument(int minimum) => new("CC")
    {
        Description = "A country code (ISO 3166-1 alpha-2, e.g. BY)",
        Arity = minimum == 0 ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne,
        CustomParser = result => result.Tokens.Count == 0 ? null : ParseCountry(result, result.Tokens[0].Value),
    };

    /// <summary>A country code, or a region's (its country, a hyphen, its code: BY-HM).</summary>
    public static Argument<string?> CountryOrRegionArgument() => new("CC")
    {
        Description = "A country code (ISO 3166-1 alpha-2, e.g. BY), or a region's (BY-HM)",
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = result => result.Tokens.Count == 0 ? null
            : result.Tokens[0].Value is { Length: > 3 } region && region[2] == '-' ? ParseRegion(result, region)
            : ParseCountry(result, result.Tokens[0].Value),
    };

    public static Option<string?> Level(string description) => new("--level")
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value.ToLowerInvariant();
            if (!Levels.IsKnown(text))
            {
                result.AddError($"--level must be one of {string.Join(", ", Levels.All)}, not '{result.Tokens[0].Value}'.");
            }

            return text;
        },
    };

    private static string? ParseRegion(ArgumentResult result, string text)
    {
        if (ParseCountry(result, text[..2]) is null)
        {
            return null;
        }

        return text.ToUpperInvariant();
    }

    private static string? ParseCountry(ArgumentResult result, string text)
    {
        if (text.Length != 2 || !text.All(char.IsAsciiLetter))
        {
            result.AddError($"'{text}' is not a two-letter ISO 3166-1 country code; use e.g. BY, MM or KZ.");
            return null;
        }

        return text.ToUpperInvariant();
    }
}
