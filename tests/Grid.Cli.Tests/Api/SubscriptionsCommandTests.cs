using System.Text.Json;
using Grid.Testing.Silo;

namespace Grid.Cli.Tests.Api;

[Collection(DemoSiloCollection.Name)]
public sealed class SubscriptionsCommandTests(DemoSilo silo)
{
    [Fact]
    public async Task AddListAndRemoveASubscriptionWithTheAdminKey()
    {
        var url = "http://127.0.0.1:9/grid-cli-test";

        var added = await GridAgainst.RunWithKeyAsync(silo, DemoSilo.AdminKey,
            "subscriptions", "add", "--url", url, "--secret", "a-secret-of-twenty-chars", "--country", "BY", "--country", "KZ", "--min-level", "critical");
        var id = added.StandardOutput.Trim();
        var listed = await GridAgainst.RunWithKeyAsync(silo, DemoSilo.AdminKey, "subscriptions", "list");
        var removed = await GridAgainst.RunWithKeyAsync(silo, DemoSilo.AdminKey, "subscriptions", "remove", id);
        var after = await GridAgainst.RunWithKeyAsync(silo, DemoSilo.AdminKey, "subscriptions", "list");

        Assert.True(added.ExitCode == 0, added.Output);
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.True(listed.ExitCode == 0, listed.Output);
        var row = listed.StandardOutput.Split('\n').Single(line => line.Contains(id, StringComparison.Ordinal));
        Assert.Contains(url, row, StringComparison.Ordinal);
        Assert.Contains("BY KZ", row, StringComparison.Ordinal);
        Assert.Contains("critical", row, StringComparison.Ordinal);
        Assert.DoesNotContain("a-secret-of-twenty-chars", listed.StandardOutput, StringComparison.Ordinal);
        Assert.True(removed.ExitCode == 0, removed.Output);
        Assert.DoesNotContain(id, after.StandardOutput, StringComparison.Ordinal);
        // The demo's own subscription stays; the server shows URLs up to their first path segment (/demo/webhook).
        Assert.Contains("/demo/***", after.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARegionIsSubscribedByItsKeyAndAMalformedOneIsRefused()
    {
        var added = await GridAgainst.RunWithKeyAsync(silo, DemoSilo.AdminKey,
            "subscriptions", "add", "--url", "http://127.0.0.1:9/grid-cli-region", "--secret", "a-secret-of-twenty-chars", "--region", "by-Minsk City");
        var listed = await GridAgainst.RunWithKeyAsync(silo, DemoSilo.AdminKey, "subscriptions", "list", "--json");
        var malformed = await GridAgainst.RunWithKeyAsync(silo, DemoSilo.AdminKey,
            "subscriptions", "add", "--url", "http://127.0.0.1:9/x", "--secret", "a-secret-of-twenty-chars", "--region", "Minsk");
        await GridAgainst.RunWithKeyAsync(silo, DemoSilo.AdminKey, "subscriptions", "remove", added.StandardOutput.Trim());

        Assert.True(added.ExitCode == 0, added.Output);
        var subscription = JsonDocument.Parse(listed.StandardOutput).RootElement.EnumerateArray().Single(s => s.GetProperty("id").GetString() == added.StandardOutput.Trim());
        // The demo loads no region data, so any well-formed key is taken, spelled as Grid keys regions.
        Assert.Equal(["BY-MINSK-CITY"], subscription.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
        Assert.Empty(subscription.GetProperty("countries").EnumerateArray());
        Assert.Equal(1, malformed.ExitCode);
        Assert.Contains("grid: 400 Malformed region: 'Minsk' is not a region", malformed.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("add", "--url", "http://127.0.0.1:9/x", "--secret", "sixteen-chars-at-least")]
    [InlineData("remove", "demo")]
    public async Task WithoutAKeyTheCommandSaysWhichKeyItNeeds(params string[] arguments)
    {
        var result = await GridAgainst.RunAsync(silo, ["subscriptions", .. arguments]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("grid: this command needs an API key with the 'admin' scope: pass --api-key or set GRID_API_KEY.", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyTheServerDoesNotKnowIsRefusedWithoutBeingPrinted()
    {
        const string wrongKey = "not-a-configured-key-4711";

        var result = await GridAgainst.RunWithKeyAsync(silo, wrongKey, "subscriptions", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("grid: 401 Unknown API key", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Pass a valid key with --api-key or GRID_API_KEY.", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServersRefusalOfABadSubscriptionIsShown()
    {
        var result = await GridAgainst.RunWithKeyAsync(silo, DemoSilo.AdminKey, "subscriptions", "add", "--url", "http://127.0.0.1:9/x", "--secret", "short");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("grid: 400 Secret too short: The secret keys an HMAC-SHA256 signature", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemovingAnUnknownSubscriptionFails()
    {
        var result = await GridAgainst.RunWithKeyAsync(silo, DemoSilo.AdminKey, "subscriptions", "remove", "no-such-subscription");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("grid: 404 Unknown subscription", result.StandardError, StringComparison.Ordinal);
    }
}
