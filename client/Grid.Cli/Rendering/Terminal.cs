using Spectre.Console;

namespace Grid.Cli.Rendering;

/// <summary>
/// The console the API commands draw on. Piped into a file or another program it keeps a wide,
/// fixed width, so a table row stays one line that grep and awk can read, and without colour or
/// cursor codes (a terminal gets them unless NO_COLOR is set).
/// </summary>
internal static class Terminal
{
    public static bool IsInteractive => !Console.IsOutputRedirected;

    public static IAnsiConsole Create()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = IsInteractive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = IsInteractive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!IsInteractive)
        {
            console.Profile.Width = 200;
        }

        return console;
    }
}
