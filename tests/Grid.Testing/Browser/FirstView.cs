using System.Diagnostics;
using Microsoft.Playwright;

namespace Grid.Testing.Browser;

/// <summary>
/// What the console's world view costs the first time a browser opens it (issue 18: ≤ 300 KB, ≤ 1 s):
/// every byte the browser received (bodies as sent, plus headers) and the time from the start of
/// navigation until the map's tiles are coloured on screen.
/// </summary>
/// <param name="Bytes">Response headers and bodies of every request of the first view.</param>
/// <param name="Requests">Each URL with the bytes it cost.</param>
/// <param name="Rendered">From navigation start (the browser's own clock) to the frame after the coloured tiles were drawn.</param>
/// <param name="Wall">The same seen from outside the browser: from the navigation call until the map is there.</param>
/// <param name="Tiles">Countries drawn on the map with a level.</param>
public sealed record FirstView(long Bytes, IReadOnlyList<(string Url, long Bytes)> Requests, TimeSpan Rendered, TimeSpan Wall, int Tiles)
{
    // A new context has an empty cache. The mark is set two frames after the first coloured tile
    // appears: the first frame paints the map, the second begins once it has been painted.
    private const string MarkMapDrawn = """
        new MutationObserver((_, observer) => {
          if (!document.querySelector('#map a.tile[data-level]')) return;
          observer.disconnect();
          requestAnimationFrame(() => requestAnimationFrame(() => { window.gridMapDrawn = performance.now(); }));
        }).observe(document, { childList: true, subtree: true });
        """;

    /// <summary>Opens <paramref name="baseAddress"/> in a fresh context of <paramref name="browser"/> and measures its first view.</summary>
    public static async Task<FirstView> MeasureAsync(IBrowser browser, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(browser);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await context.AddInitScriptAsync(MarkMapDrawn);
        var page = await context.NewPageAsync();
        var started = new List<IRequest>();
        page.Request += (_, request) =>
        {
            lock (started)
            {
                started.Add(request);
            }
        };
        var clock = Stopwatch.StartNew();
        await page.GotoAsync("/");
        await page.WaitForFunctionAsync("() => window.gridMapDrawn > 0", null, new() { Timeout = 60_000 });
        var wall = clock.Elapsed;
        var rendered = TimeSpan.FromMilliseconds(await page.EvaluateAsync<double>("() => window.gridMapDrawn"));
        // The rest of the first view (the elections) may land after the map.
        await page.Locator("#election-list > *").First.WaitForAsync(new() { Timeout = 60_000 });
        var tiles = await page.Locator("#map a.tile[data-level]").CountAsync();
        IRequest[] requests;
        lock (started)
        {
            requests = [.. started];
        }

        var sizes = new List<(string Url, long Bytes)>();
        foreach (var request in requests)
        {
            // A poll (5 s later, on a slow machine) revalidates with the ETag it got: not the first view.
            if (request.Headers.ContainsKey("if-none-match") || await request.ResponseAsync() is not { } response)
            {
                continue;
            }

            await response.FinishedAsync();
            var size = await request.SizesAsync();
            sizes.Add((new Uri(request.Url).PathAndQuery, size.ResponseBodySize + size.ResponseHeadersSize));
        }

        return new FirstView(sizes.Sum(s => s.Bytes), sizes, rendered, wall, tiles);
    }
}
