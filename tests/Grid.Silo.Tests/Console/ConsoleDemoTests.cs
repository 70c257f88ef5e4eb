using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Playwright;
using PlaywrightRequest = Microsoft.Playwright.IRequest;

namespace Grid.Silo.Tests.Console;

/// <summary>
/// The web console at <c>/</c> (issue 18) in Debian's chromium against a <c>--demo</c> silo: the
/// world view turns BY critical during the demo's outage and normal after, BY's page draws the drop
/// and lists the event, the events list filters, the CSV download carries the series, an open world
/// view polls once per 5 s with its ETag, axe finds no serious or critical violation, and the
/// browser logs no error. Screenshots go to artifacts/test-results/console.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleDemoTests(ConsoleBrowser browser, ConsoleDemoSilo demo)
{
    private static readonly TimeSpan Outage = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task BrowsersGetTheConsoleAndOtherClientsTodaysJson()
    {
        using var html = new HttpRequestMessage(HttpMethod.Get, "/");
        html.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        using var page = await demo.Silo.Http.SendAsync(html);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/console/app.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var json = new HttpRequestMessage(HttpMethod.Get, "/");
        json.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var info = await demo.Silo.Http.SendAsync(json);
        Assert.Equal("Grid", JsonDocument.Parse(await info.Content.ReadAsStringAsync()).RootElement.GetProperty("name").GetString());
        Assert.Equal("Grid", JsonDocument.Parse(await demo.Silo.Http.GetStringAsync("/")).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task TheWorldViewShowsBelarusCriticalDuringTheOutageWithItsChartEventsAndCsvThenNormal()
    {
        var console = await browser.NewPageAsync(demo.Silo.BaseAddress);
        var page = console.Page;

        // From the start of an outage, not its last seconds (other tests of the collection may have run first).
        await page.GotoAsync("/");
        await page.Locator(".tile[data-code=BY][data-level=normal]").WaitForAsync(new() { Timeout = (float)Outage.TotalMilliseconds });
        await page.Locator(".tile[data-code=BY][data-level=critical]").WaitForAsync(new() { Timeout = (float)Outage.TotalMilliseconds });
        await Assertions.Expect(page.Locator("#not-normal tr[data-code=BY]")).ToContainTextAsync("critical");
        await Assertions.Expect(page.Locator("#elections")).ToContainTextAsync("BY");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleBrowser.ScreenshotDirectory, "world-critical.png"), FullPage = true });
        await ConsoleAxe.AssertAccessibleAsync(page, "world view");

        await page.GotoAsync("/#/country/BY");
        var bgp = page.Locator("svg.chart[data-signal=bgp]");
        await bgp.Locator("rect.event").First.WaitForAsync();
        var baseline = double.Parse((await bgp.GetAttributeAsync("data-baseline"))!);
        Assert.True(double.Parse((await bgp.GetAttributeAsync("data-max"))!) >= 0.8 * baseline, "BY's BGP chart does not show the level before the outage");
        Assert.True(double.Parse((await bgp.GetAttributeAsync("data-min"))!) <= 0.2 * baseline, "BY's BGP chart has no drop below 20% of its baseline");
        await Assertions.Expect(page.Locator("table.events tr[data-entity=BY]").First).ToContainTextAsync("critical");
        await Assertions.Expect(page.Locator("#open-event")).ToContainTextAsync("election");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleBrowser.ScreenshotDirectory, "country-BY.png"), FullPage = true });
        await ConsoleAxe.AssertAccessibleAsync(page, "BY's page");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#csv").ClickAsync());
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.StartsWith("time,bgp,", csv[0], StringComparison.Ordinal);
        Assert.Contains(csv, line => line.Split(',')[1] == "512");

        var widget = await page.Context.NewPageAsync();
        await widget.GotoAsync("/console/widget.html#BY");
        await Assertions.Expect(widget.Locator("#widget")).ToContainTextAsync("Internet in Belarus: ✕ critical");
        await ConsoleAxe.AssertAccessibleAsync(widget, "BY's widget");
        await widget.CloseAsync();

        await Assertions.Expect(page.Locator("#regions")).ToContainTextAsync("Minsk Region");
        await Assertions.Expect(page.Locator(".attribution").First).ToContainTextAsync("IP Geolocation by DB-IP");
        await page.Locator("#regions a", new() { HasText = "Minsk Region" }).ClickAsync();
        await Assertions.Expect(page.Locator("h2").First).ToContainTextAsync("BY-MI");
        await Assertions.Expect(page.Locator(".attribution")).ToContainTextAsync("IP Geolocation by DB-IP");
        await ConsoleAxe.AssertAccessibleAsync(page, "Minsk Region's page");

        await page.GotoAsync("/#/country/BY");
        await page.Locator("#ases a").First.ClickAsync();
        await Assertions.Expect(page.Locator("h2").First).ToContainTextAsync("AS65101");
        await page.Locator("svg.chart[data-signal=bgp]").WaitForAsync();
        await ConsoleAxe.AssertAccessibleAsync(page, "AS65101's page");

        await page.GotoAsync("/#/elections");
        await Assertions.Expect(page.Locator("#elections")).ToContainTextAsync("Demo presidential election");

        await page.GotoAsync("/#/events?level=critical");
        await Assertions.Expect(page.Locator("table.events tr[data-entity=BY]").First).ToBeVisibleAsync();
        await page.Locator("input[name=entity]").FillAsync("KZ");
        await page.Locator("input[name=entity]").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#event-list")).ToContainTextAsync("No events.");
        await ConsoleAxe.AssertAccessibleAsync(page, "events list");

        await page.GotoAsync("/");
        await page.Locator(".tile[data-code=BY][data-level=normal]").WaitForAsync(new() { Timeout = (float)Outage.TotalMilliseconds });
        await Assertions.Expect(page.Locator("#all-normal")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleBrowser.ScreenshotDirectory, "world-recovered.png"), FullPage = true });
        Assert.True(console.ErrorsSoFar().Count == 0, "the browser logged: " + string.Join("\n", console.ErrorsSoFar()));
    }

    [Fact]
    public async Task AnOpenWorldViewPollsOnceEveryFiveSecondsWithItsETag()
    {
        var console = await browser.NewPageAsync(demo.Silo.BaseAddress);
        var page = console.Page;
        var polls = new List<PlaywrightRequest>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/v1/countries", StringComparison.Ordinal))
            {
                lock (polls)
                {
                    polls.Add(request);
                }
            }
        };
        await page.GotoAsync("/");
        await page.Locator(".tile[data-code=BY]").WaitForAsync();
        await Task.Delay(TimeSpan.FromSeconds(16));

        PlaywrightRequest[] seen;
        lock (polls)
        {
            seen = [.. polls];
        }

        // The first load and three polls (5 s apart), give or take one for timing; never a storm.
        Assert.InRange(seen.Length, 3, 5);
        foreach (var poll in seen.Skip(1))
        {
            Assert.StartsWith("\"", (await poll.AllHeadersAsync()).GetValueOrDefault("if-none-match"), StringComparison.Ordinal);
        }
    }
}
