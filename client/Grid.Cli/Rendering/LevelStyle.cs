using Grid.Client.Model;
using Spectre.Console;

namespace Grid.Cli.Rendering;

/// <summary>The colour of each detection level, as Grid's dashboards use them.</summary>
internal static class LevelStyle
{
    public static Color Of(string level) => level.ToLowerInvariant() switch
    {
        Levels.Critical => Color.Red,
        Levels.Warning => Color.Yellow,
        Levels.Normal => Color.Green,
        _ => Color.Grey,
    };

    public static Markup Markup(string level) => new($"[{Of(level).ToMarkup()}]{Spectre.Console.Markup.Escape(level)}[/]");
}
