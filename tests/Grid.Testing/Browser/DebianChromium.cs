using Microsoft.Playwright;

namespace Grid.Testing.Browser;

/// <summary>
/// Debian's <c>chromium</c> package driven by Playwright: Playwright's own browser download is not
/// reachable from these machines, so .ci/run installs the package and tests launch it by path.
/// </summary>
public static class DebianChromium
{
    public const string Path = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"{Path} not found: install Debian's chromium (`apt-get install chromium`, or run .ci/run as root).");
        }

        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            // Chromium refuses to start its sandbox as root, which is how CI runs.
            Args = ["--no-sandbox"],
        });
    }
}
