using Grid.Testing.Browser;
using Microsoft.Playwright;

namespace Grid.Silo.Tests.Console;

/// <summary>
/// Debian's chromium driven by Playwright (Playwright's own browser download is not reachable from
/// these machines; .ci/run installs the <c>chromium</c> package). A page from <see cref="NewPageAsync"/>
/// records every console error and uncaught exception, for the tests to assert there were none.
/// </summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where screenshots go: artifacts/test-results/console beside Grid.sln, which CI keeps.</summary>
    public static string ScreenshotDirectory { get; } = FindScreenshotDirectory();

    /// <summary>The browser itself, for measurements that open their own contexts (<see cref="Grid.Testing.Browser.FirstView"/>).</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await DebianChromium.LaunchAsync(_playwright);
    }

    public async Task<ConsolePage> NewPageAsync(Uri baseAddress)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
            TimezoneId = "Europe/Minsk",
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add(error);
            }
        };
        return new ConsolePage(page, errors);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private static string FindScreenshotDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Grid.sln")))
        {
            dir = dir.Parent;
        }

        var path = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "test-results", "console");
        Directory.CreateDirectory(path);
        return path;
    }
}

/// <summary>A browser page with the console errors it has seen so far.</summary>
public sealed record ConsolePage(IPage Page, List<string> Errors)
{
    public IReadOnlyList<string> ErrorsSoFar()
    {
        lock (Errors)
        {
            return [.. Errors];
        }
    }
}
