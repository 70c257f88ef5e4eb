using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Testing.Processes;
using Microsoft.Playwright;

namespace Grid.Silo.Tests.Console;

/// <summary>
/// The console's events list on the demo: it filters by a country, a region or an AS, by level, by
/// open or closed and by dates, and the filters live in the address, so a copied link (or a reload)
/// opens the same list. Besides the demo's own events (BY and AS65101), two regions of Belarus get
/// theirs from POSTed signals: Minsk Region's is open now, Minsk city's closed three days ago.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleEventsTests(ConsoleBrowser browser, ConsoleDemoSilo demo)
{
    [Fact]
    public async Task TheEventsListFiltersByEntityLevelStatusAndDatesAndKeepsTheFiltersInTheAddress()
    {
        var now = DateTimeOffset.UtcNow;
        var threeDaysAgo = new DateTimeOffset(now.Date.AddDays(-3).AddHours(12), TimeSpan.Zero);
        await demo.PostAnswersAsync("region/BY-MI", now.AddSeconds(-10), i => i >= 100);
        await demo.PostAnswersAsync("region/BY-HM", threeDaysAgo, i => i is >= 80 and < 95);
        await Poll.UntilAsync("the demo's outage raised BY's and AS65101's events, and the regions theirs", async () =>
        {
            var events = await demo.Silo.Http.GetFromJsonAsync<JsonElement>("/v1/events?country=BY&limit=50");
            var entities = events.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("entity").GetString()).ToHashSet();
            return entities.IsSupersetOf(["BY", "AS65101", "BY-MI", "BY-HM"]);
        }, TimeSpan.FromMinutes(3));

        var console = await browser.NewPageAsync(demo.Silo.BaseAddress);
        var page = console.Page;
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);

        // A region typed in any case, through the form: its own events only, and its code in the address.
        await page.GotoAsync("/#/events");
        await page.Locator("input[name=entity]").FillAsync("by-mi");
        await page.Locator("input[name=entity]").PressAsync("Enter");
        Assert.Equal(["BY-MI"], await ListedAsync(page, "#/events?entity=BY-MI"));
        Assert.Equal(["AS65101"], await ShowAsync(page, "#/events?entity=AS65101"));

        // A country lists its own events and its regions' and ASes'.
        Assert.Superset(new HashSet<string> { "BY", "AS65101", "BY-MI", "BY-HM" }, (await ShowAsync(page, "#/events?entity=BY")).ToHashSet());
        Assert.Contains("BY-HM", await ShowAsync(page, "#/events?entity=BY&open=false"));
        Assert.Equal(["resolved"], await ColumnAsync(page, "data-status"));
        var open = await ShowAsync(page, "#/events?entity=BY&open=true");
        Assert.Contains("BY-MI", open);
        Assert.DoesNotContain("BY-HM", open);
        Assert.Equal(["active"], await ColumnAsync(page, "data-status"));
        await ShowAsync(page, "#/events?entity=BY&level=critical");
        Assert.Equal(["critical"], await ColumnAsync(page, "data-level"));

        // Dates through the form: the day of Minsk city's event holds it alone; a reload keeps the view.
        var day = threeDaysAgo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await ShowAsync(page, "#/events");
        await page.Locator("input[name=entity]").FillAsync("BY");
        await page.Locator("select[name=level]").SelectOptionAsync("critical");
        await page.Locator("select[name=open]").SelectOptionAsync("false");
        await page.Locator("input[name=from]").FillAsync(day);
        await page.Locator("input[name=until]").FillAsync(day);
        await page.Locator("#filters button[type=submit]").ClickAsync();
        var exact = $"#/events?entity=BY&level=critical&open=false&from={day}&until={day}";
        Assert.Equal(["BY-HM"], await ListedAsync(page, exact));
        await page.ReloadAsync();
        Assert.Equal(["BY-HM"], await ListedAsync(page, exact));
        Assert.Equal(day, await page.Locator("input[name=until]").InputValueAsync());
        Assert.Equal("critical", await page.Locator("select[name=level]").InputValueAsync());
        await page.Locator("#copy-link").ClickAsync();
        Assert.Equal(page.Url, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        Assert.EndsWith(exact, page.Url, StringComparison.Ordinal);
        await ConsoleAxe.AssertAccessibleAsync(page, "filtered events list");

        Assert.DoesNotContain("BY-HM", await ShowAsync(page, $"#/events?entity=BY&from={now.AddDays(-1):yyyy-MM-dd}"));

        // What cannot be a filter is said in words.
        await ShowAsync(page, "#/events?entity=Belarus!");
        await Assertions.Expect(page.Locator("#event-list [role=alert]")).ToContainTextAsync("is not a country, region or AS");
        await ShowAsync(page, $"#/events?from={day}&until=2000-01-01");
        await Assertions.Expect(page.Locator("#event-list [role=alert]")).ToContainTextAsync("swap the dates");
        Assert.True(console.ErrorsSoFar().Count == 0, "the browser logged: " + string.Join("\n", console.ErrorsSoFar()));
    }

    private static async Task<string[]> ShowAsync(IPage page, string address)
    {
        await page.GotoAsync("/" + address);
        return await ListedAsync(page, address);
    }

    /// <summary>The entities listed, once the list for <paramref name="address"/> is drawn (not the one before it).</summary>
    private static async Task<string[]> ListedAsync(IPage page, string address)
    {
        await page.WaitForFunctionAsync("a => document.getElementById('event-list')?.dataset.shown === a", address);
        return await ColumnAsync(page, "data-entity");
    }

    /// <summary>The distinct values of one attribute of the listed events' rows.</summary>
    private static async Task<string[]> ColumnAsync(IPage page, string attribute) =>
        await page.EvaluateAsync<string[]>("a => [...new Set([...document.querySelectorAll('#event-list tbody tr')].map(r => r.getAttribute(a)))]", attribute);
}
