namespace Grid.Silo.Tests.Console;

/// <summary>Playwright 1.64.1 starts Debian's chromium and renders a page: the ground the console tests stand on.</summary>
public sealed class ChromiumLaunchTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    [Fact]
    public async Task DebiansChromiumRendersAPage()
    {
        var console = await browser.NewPageAsync(new Uri("http://127.0.0.1/"));
        await console.Page.SetContentAsync("<title>t</title><p id=p>Grid</p>");
        Assert.Equal("Grid", await console.Page.InnerTextAsync("#p"));
        Assert.Empty(console.ErrorsSoFar());
    }
}
