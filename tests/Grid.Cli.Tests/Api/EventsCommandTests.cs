using System.Text.Json;
using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Cli.Tests.Api;

/// <summary>The demo shuts BY down 60 s after start; detection makes it an event some 20 s later.</summary>
[Collection(DemoSiloCollection.Name)]
public sealed class EventsCommandTests(DemoSilo silo)
{
    private static readonly TimeSpan ShutdownDetected = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task TheDemoShutdownIsListedAsAnActiveEventAndFiltersTheStatusTable()
    {
        JsonElement dark = default;
        await Poll.UntilAsync("grid events --open lists BY", async () =>
        {
            var open = await GridAgainst.RunAsync(silo, "events", "--open", "--json");
            Assert.True(open.ExitCode == 0, open.Output);
            using var events = JsonDocument.Parse(open.StandardOutput);
            var found = events.RootElement.EnumerateArray().Where(e => e.GetProperty("entity").GetString() == DemoSilo.DarkCountry).ToList();
            dark = found.Count > 0 ? found[0].Clone() : default;
            return found.Count > 0;
        }, ShutdownDetected);

        var table = await GridAgainst.RunAsync(silo, "events", "--cc", "BY");
        var status = await GridAgainst.RunAsync(silo, "status", "BY", "--json");
        using var country = JsonDocument.Parse(status.StandardOutput);
        var level = country.RootElement.GetProperty("level").GetString()!;
        var filtered = await GridAgainst.RunAsync(silo, "status", "--level", level);

        Assert.Equal("country/BY", dark.GetProperty("location").GetString());
        Assert.Equal("active", dark.GetProperty("status").GetString());
        Assert.True(dark.GetProperty("election").GetBoolean(), "the demo's election today should tag BY's event");
        Assert.True(table.ExitCode == 0, table.Output);
        var row = table.StandardOutput.Split('\n').First(line => line.Contains(dark.GetProperty("id").GetString()!, StringComparison.Ordinal));
        Assert.Contains(" BY ", row, StringComparison.Ordinal);
        Assert.Contains(" active ", row, StringComparison.Ordinal);
        Assert.Contains(" yes ", row, StringComparison.Ordinal);
        Assert.Contains(level, new[] { "warning", "critical" });
        Assert.Contains(filtered.StandardOutput.Split('\n'), line => line.Contains(" BY ", StringComparison.Ordinal));
        Assert.DoesNotContain(filtered.StandardOutput.Split('\n'), line => line.Contains(" KZ ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EventsOfACountryWithoutAnyAreAnEmptyList()
    {
        var result = await GridAgainst.RunAsync(silo, "events", "--cc", "AZ", "--json");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal("[]", result.StandardOutput.Trim());
    }
}
