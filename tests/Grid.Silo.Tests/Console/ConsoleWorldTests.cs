using System.Globalization;
using Grid.Testing.Browser;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Grid.Silo.Tests.Console;

/// <summary>
/// The world view with a real world's countries (the 2002 RIB, about 240 with a status): its first
/// view's weight and time, and its tile map by keyboard.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleWorldTests(ConsoleBrowser browser, ConsoleWorldSilo world, ITestOutputHelper output) : IClassFixture<ConsoleWorldSilo>
{
    /// <summary>The issue's weight goal.</summary>
    private const long MaxBytes = 300 * 1024;

    /// <summary>
    /// The issue's goal is 1 s, which the console meets here with room to spare (README: Console);
    /// CI's two cores run other tests beside this one, so the test holds a looser bound and
    /// bench/Grid.Bench's <c>--only console</c> measures against the goal itself.
    /// </summary>
    private static readonly TimeSpan RenderBound = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task TheFirstViewOfTheWorldWeighsAtMost300KilobytesAndColoursEveryCountryQuickly()
    {
        Assert.True(world.Countries >= 230, $"the 2002 RIB gave only {world.Countries} countries a status");
        var views = new List<FirstView>();
        for (var i = 0; i < 3; i++)
        {
            views.Add(await FirstView.MeasureAsync(browser.Browser, world.Silo.BaseAddress));
        }

        foreach (var view in views)
        {
            Assert.Equal(world.Countries, view.Tiles);
            Assert.True(view.Bytes <= MaxBytes, $"the first view took {view.Bytes:N0} bytes:\n" + string.Join("\n", view.Requests.Select(r => $"{r.Bytes,8:N0} {r.Url}")));
            Assert.Contains(view.Requests, r => r.Url.StartsWith("/v1/countries", StringComparison.Ordinal) && r.Bytes > world.Countries * 100);
        }

        var median = views.Select(v => v.Rendered).Order().ElementAt(1);
        var report = string.Create(CultureInfo.InvariantCulture,
            $"{world.Countries} countries: {views[0].Bytes:N0} bytes in {views[0].Requests.Count} requests; map coloured after {string.Join(", ", views.Select(v => $"{v.Rendered.TotalMilliseconds:F0}"))} ms (median {median.TotalMilliseconds:F0} ms)");
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(ConsoleBrowser.ScreenshotDirectory, "first-view.txt"), report + "\n" + string.Join("\n", views[0].Requests.Select(r => $"{r.Bytes,8:N0} {r.Url}")) + "\n");
        Assert.True(median <= RenderBound, report);
    }

    [Fact]
    public async Task TheTileMapIsOneTabStopWhoseArrowKeysMoveInGridOrderAndEnterOpensTheCountry()
    {
        var console = await browser.NewPageAsync(world.Silo.BaseAddress);
        var page = console.Page;
        await page.GotoAsync("/");
        await page.Locator("#map a.tile[data-code=BY]").WaitForAsync();
        await Assertions.Expect(page.Locator("#map a.tile[tabindex='0']")).ToHaveCountAsync(1);

        // Tab from the last link before the map lands on the map's first country (Greenland, top
        // left); one more Tab leaves the map instead of walking its 240 tiles.
        await page.Locator("nav a[href='#/key']").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("GL", await FocusedTileAsync(page));
        await page.Keyboard.PressAsync("Tab");
        Assert.Null(await FocusedTileAsync(page));

        // From Belarus (row 3 of tiles.txt): along its row, across rows, to the row's ends.
        await page.Locator("#map a.tile[data-code=BY]").FocusAsync();
        string?[] path = [];
        foreach (var key in new[] { "ArrowLeft", "ArrowLeft", "ArrowRight", "ArrowRight", "ArrowUp", "ArrowDown", "ArrowDown", "ArrowUp", "Home", "End", "ArrowRight", "ArrowLeft" })
        {
            await page.Keyboard.PressAsync(key);
            path = [.. path, await FocusedTileAsync(page)];
        }

        // BY's row ends with it, so ArrowRight wraps to the first country of the next row (Bermuda).
        Assert.Equal(new string?[] { "LT", "LV", "LT", "BY", "RU", "BY", "MD", "BY", "US", "BY", "BM", "BY" }, path);
        await Assertions.Expect(page.Locator("#map a.tile[tabindex='0']")).ToHaveAttributeAsync("data-code", "BY");
        await ConsoleAxe.AssertAccessibleAsync(page, "world view of 240 countries");

        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("h2").First).ToContainTextAsync("Belarus (BY)");
        Assert.EndsWith("#/country/BY", page.Url, StringComparison.Ordinal);
        Assert.True(console.ErrorsSoFar().Count == 0, "the browser logged: " + string.Join("\n", console.ErrorsSoFar()));
    }

    private static Task<string?> FocusedTileAsync(IPage page) =>
        page.EvaluateAsync<string?>("() => document.activeElement?.closest('#map a.tile')?.dataset.code ?? null");
}
