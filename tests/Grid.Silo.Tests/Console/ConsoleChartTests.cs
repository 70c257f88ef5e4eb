using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Grid.Silo.Tests.Console;

/// <summary>
/// A signal chart reads out the point under the pointer, and under the keyboard's cursor once it
/// has focus: its time in UTC, its value and the baseline, in words beside the chart.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class ConsoleChartTests(ConsoleBrowser browser, ConsoleDemoSilo demo)
{
    [Fact]
    public async Task BelarussChartReadsOutTimeValueAndBaselineByPointerAndByKeyboard()
    {
        var console = await browser.NewPageAsync(demo.Silo.BaseAddress);
        var page = console.Page;
        await page.GotoAsync("/#/country/BY");
        var chart = page.Locator("svg.chart[data-signal=bgp]");
        // The demo's outage, shaded: the chart then holds both the level before it and the drop.
        await chart.Locator("rect.event").First.WaitForAsync(new() { Timeout = 180_000 });
        var readout = page.Locator("#readout-bgp");
        var baseline = double.Parse((await chart.GetAttributeAsync("data-baseline"))!, CultureInfo.InvariantCulture);

        // By keyboard: Tab reaches the chart; Home is the first point, each ArrowRight the next, End the last.
        await page.Locator("#json").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("bgp", await page.EvaluateAsync<string?>("() => document.activeElement?.dataset?.signal ?? null"));
        await page.Keyboard.PressAsync("Home");
        var points = new List<(DateTimeOffset At, double Value)> { await PointAsync(readout) };
        for (var i = 0; i < 5000; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
            var point = await PointAsync(readout);
            if (point == points[^1])
            {
                break;
            }

            points.Add(point);
        }

        Assert.True(points.Count >= 5, $"{points.Count} points read");
        Assert.All(points.Zip(points.Skip(1)), pair => Assert.True(pair.First.At < pair.Second.At, $"{pair.First.At:O} is not before {pair.Second.At:O}"));
        Assert.Contains(points, p => p.Value >= 0.8 * baseline);
        Assert.Contains(points, p => p.Value <= 0.2 * baseline);
        var text = await readout.TextContentAsync();
        Assert.Matches(ReadoutText(), text);
        Assert.Contains(points[^1].At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC", text, StringComparison.Ordinal);
        await page.Keyboard.PressAsync("Home");
        Assert.Equal(points[0], await PointAsync(readout));
        await page.Keyboard.PressAsync("End");
        Assert.True((await PointAsync(readout)).At >= points[^1].At);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleBrowser.ScreenshotDirectory, "country-BY-readout.png"), FullPage = true });

        // By pointer: the plot's left edge is the first point, its right edge the last.
        var box = (await chart.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + (box.Width * 57 / 900), box.Y + (box.Height / 2));
        Assert.Equal(points[0], await PointAsync(readout));
        await page.Mouse.MoveAsync(box.X + box.Width - 2, box.Y + (box.Height / 2));
        Assert.True((await PointAsync(readout)).At >= points[^1].At);
        await ConsoleAxe.AssertAccessibleAsync(page, "BY's page with a readout");
        Assert.True(console.ErrorsSoFar().Count == 0, "the browser logged: " + string.Join("\n", console.ErrorsSoFar()));
    }

    private static async Task<(DateTimeOffset At, double Value)> PointAsync(ILocator readout) =>
        (DateTimeOffset.Parse((await readout.GetAttributeAsync("data-at"))!, CultureInfo.InvariantCulture),
         double.Parse((await readout.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture));

    /// <summary>"2026-12-05 07:40 UTC: 512; baseline 4,096, so 12% of it", maybe followed by the event it falls in.</summary>
    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d UTC: [\d,]+; baseline [\d,]+, so [\d.]+% of it")]
    private static partial Regex ReadoutText();
}
