using Grid.Silo.Tests.Api;
using Microsoft.Playwright;
using PlaywrightRequest = Microsoft.Playwright.IRequest;

namespace Grid.Silo.Tests.Console;

/// <summary>
/// On a silo whose reads need a key, the console asks for one, keeps it in the tab's sessionStorage
/// only, sends it as <c>X-Api-Key</c> with its own requests (downloads too), and never puts it in
/// an address.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleReadKeyTests(ConsoleBrowser browser, ConsoleReadKeySilo silo) : IClassFixture<ConsoleReadKeySilo>
{
    [Fact]
    public async Task TheConsoleAsksForAReadKeyKeepsItInTheTabAndSendsItAsAHeaderNeverInAnAddress()
    {
        var console = await browser.NewPageAsync(silo.Silo.BaseAddress);
        var page = console.Page;
        var requests = new List<PlaywrightRequest>();
        page.Request += (_, request) =>
        {
            lock (requests)
            {
                requests.Add(request);
            }
        };

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("main [role=alert]")).ToContainTextAsync("needs a read key");
        await ConsoleAxe.AssertAccessibleAsync(page, "read key form");

        await page.Locator("#read-key").FillAsync("not-a-key");
        await page.Locator("#read-key").PressAsync("Enter");
        await Assertions.Expect(page.Locator("main [role=alert]")).ToContainTextAsync("This key was not accepted");

        int keyed;
        lock (requests)
        {
            keyed = requests.Count;
        }

        await page.Locator("#read-key").FillAsync(ApiSilo.ReadKey);
        await page.Locator("#key-form button[type=submit]").ClickAsync();
        await page.Locator("#map a.tile[data-code=BY]").WaitForAsync();
        Assert.Equal(ApiSilo.ReadKey, await page.EvaluateAsync<string>("() => sessionStorage.getItem('grid.readKey')"));

        // BY's page and its CSV, fetched with the key since a link cannot carry a header.
        await page.GotoAsync("/#/country/BY");
        await page.Locator("svg.chart[data-signal=bgp]").WaitForAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("cannot be embedded");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#csv").ClickAsync());
        Assert.StartsWith("time,bgp,", (await File.ReadAllLinesAsync((await download.PathAsync())!))[0], StringComparison.Ordinal);

        PlaywrightRequest[] seen;
        lock (requests)
        {
            seen = [.. requests];
        }

        // Every read since the key was given carried it, the CSV's included.
        var reads = seen.Skip(keyed).Where(r => new Uri(r.Url).AbsolutePath.StartsWith("/v1/", StringComparison.Ordinal)).ToList();
        Assert.Contains(reads, r => r.Url.Contains("/v1/countries/BY/signals", StringComparison.Ordinal) && r.Url.Contains("format=csv", StringComparison.Ordinal));
        foreach (var read in reads)
        {
            Assert.Equal(ApiSilo.ReadKey, (await read.AllHeadersAsync()).GetValueOrDefault("x-api-key"));
        }

        Assert.DoesNotContain(seen, r => r.Url.Contains(ApiSilo.ReadKey, StringComparison.Ordinal));
        Assert.DoesNotContain(ApiSilo.ReadKey, page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiSilo.ReadKey, await page.ContentAsync(), StringComparison.Ordinal);

        // Another tab has no key; forgetting it in this one asks again.
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync("/");
        await Assertions.Expect(other.Locator("main [role=alert]")).ToContainTextAsync("needs a read key");
        await other.CloseAsync();
        await page.GotoAsync("/#/key");
        await page.Locator("#forget-key").ClickAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('grid.readKey')"));
        await page.GotoAsync("/#/events");
        await Assertions.Expect(page.Locator("main [role=alert]")).ToContainTextAsync("needs a read key");

        // The browser reports each 401 it was answered; anything else would be the console's own error.
        Assert.All(console.ErrorsSoFar(), e => Assert.Contains("401", e, StringComparison.Ordinal));
    }
}
