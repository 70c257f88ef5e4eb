using System.Text.Json;
using Grid.Testing.Silo;

namespace Grid.Cli.Tests.Api;

/// <summary>`grid watch add|list|remove` against a real demo silo, beside `grid watch CC` (WatchCommandTests).</summary>
[Collection(DemoSiloCollection.Name)]
public sealed class WatchCalendarCommandTests(DemoSilo silo)
{
    [Fact]
    public async Task AnExamIsAddedListedWithItsWindowAndRemovedById()
    {
        var added = await GridAgainst.RunWithKeyAsync(silo, DemoSilo.AdminKey,
            "watch", "add", "--kind", "exam", "--country", "IQ", "--start", "2032-06-14", "--end", "2032-06-30", "--title", "Ministerial exams");
        var id = added.StandardOutput.Trim();
        var table = await GridAgainst.RunAsync(silo, "watch", "list", "--cc", "IQ");
        var json = await GridAgainst.RunAsync(silo, "watch", "list", "--cc", "IQ", "--kind", "exam", "--json");
        var removed = await GridAgainst.RunWithKeyAsync(silo, DemoSilo.AdminKey, "watch", "remove", id);
        var after = await GridAgainst.RunAsync(silo, "watch", "list", "--cc", "IQ", "--json");

        Assert.True(added.ExitCode == 0, added.Output);
        Assert.StartsWith("IQ-2032-06-14-", id, StringComparison.Ordinal);
        Assert.True(table.ExitCode == 0, table.Output);
        var row = table.StandardOutput.Split('\n').Single(line => line.Contains("Ministerial exams", StringComparison.Ordinal));
        Assert.Contains("2032-06-14…2032-06-30", row, StringComparison.Ordinal);
        var entry = JsonDocument.Parse(json.StandardOutput).RootElement.EnumerateArray().Single();
        Assert.Equal("2032-06-13T00:00:00+00:00", entry.GetProperty("watchFrom").GetString());
        Assert.True(removed.ExitCode == 0, removed.Output);
        Assert.Empty(JsonDocument.Parse(after.StandardOutput).RootElement.EnumerateArray());
    }

    [Fact]
    public async Task UpcomingListsTheDemoElectionAndBadInputSaysWhatToSend()
    {
        var upcoming = await GridAgainst.RunAsync(silo, "watch", "list", "--upcoming", "30", "--cc", "BY", "--json");
        var badKind = await GridAgainst.RunWithKeyAsync(silo, DemoSilo.AdminKey, "watch", "add", "--kind", "riot", "--country", "BY", "--start", "2032-01-01");
        var noPlace = await GridAgainst.RunWithKeyAsync(silo, DemoSilo.AdminKey, "watch", "add", "--kind", "exam", "--start", "2032-01-01");
        var noKey = await GridAgainst.RunAsync(silo, "watch", "remove", "BY-2032-01-01-00000000");

        Assert.True(upcoming.ExitCode == 0, upcoming.Output);
        var demo = JsonDocument.Parse(upcoming.StandardOutput).RootElement.EnumerateArray().Single(e => e.GetProperty("source").GetString() == "demo");
        Assert.Equal("election", demo.GetProperty("kind").GetString());
        Assert.True(demo.GetProperty("watchedNow").GetBoolean());
        Assert.Equal(1, badKind.ExitCode);
        Assert.Contains("one of election, exam, protest, referendum, other", badKind.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, noPlace.ExitCode);
        Assert.Contains("--country", noPlace.StandardError, StringComparison.Ordinal);
        Assert.NotEqual(0, noKey.ExitCode);
    }

    [Fact]
    public async Task ASubscriptionOptsInToWatchNotices()
    {
        var added = await GridAgainst.RunWithKeyAsync(silo, DemoSilo.AdminKey,
            "subscriptions", "add", "--url", "http://127.0.0.1:9/grid-cli-notices", "--secret", "a-secret-of-twenty-chars", "--country", "IQ", "--watch-notices");
        var listed = await GridAgainst.RunWithKeyAsync(silo, DemoSilo.AdminKey, "subscriptions", "list", "--json");
        await GridAgainst.RunWithKeyAsync(silo, DemoSilo.AdminKey, "subscriptions", "remove", added.StandardOutput.Trim());

        Assert.True(added.ExitCode == 0, added.Output);
        var subscription = JsonDocument.Parse(listed.StandardOutput).RootElement.EnumerateArray().Single(s => s.GetProperty("id").GetString() == added.StandardOutput.Trim());
        Assert.True(subscription.GetProperty("watchNotices").GetBoolean());
    }
}
