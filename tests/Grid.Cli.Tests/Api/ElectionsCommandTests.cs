using System.Net.Http.Headers;
using System.Text.Json;
using Grid.Testing.Data;
using Grid.Testing.Silo;

namespace Grid.Cli.Tests.Api;

[Collection(DemoSiloCollection.Name)]
public sealed class ElectionsCommandTests(DemoSilo silo)
{
    [Fact]
    public async Task UpcomingShowsTheDemoElectionOfToday()
    {
        var result = await GridAgainst.RunAsync(silo, "elections", "--cc", "BY", "--upcoming");

        Assert.True(result.ExitCode == 0, result.Output);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var row = result.StandardOutput.Split('\n').Single(line => line.Contains("Demo presidential election", StringComparison.Ordinal));
        Assert.Contains($" {today} ", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ElectionGuidesCalendarIsListedWithItsWatchWindows()
    {
        // ElectionGuide's 2021 export, imported as an operator would (POST text/csv, admin key).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/elections")
        {
            Content = new StringContent(File.ReadAllText(SharedData.PathOf("elections", "electionguide.election_df.2021-03.csv")), MediaTypeHeaderValue.Parse("text/csv")),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DemoSilo.AdminKey);
        using var imported = await silo.Silo.Http.SendAsync(request);
        imported.EnsureSuccessStatusCode();

        var all = await GridAgainst.RunAsync(silo, "elections", "--cc", "BY", "--json");
        var upcoming = await GridAgainst.RunAsync(silo, "elections", "--cc", "BY", "--upcoming", "--json");

        Assert.True(all.ExitCode == 0, all.Output);
        using var entries = JsonDocument.Parse(all.StandardOutput);
        var august2020 = entries.RootElement.EnumerateArray().Single(e => e.GetProperty("date").GetString() == "2020-08-09");
        Assert.Equal("BY", august2020.GetProperty("country").GetString());
        Assert.True(august2020.GetProperty("watchFrom").GetDateTimeOffset() < new DateTimeOffset(2020, 8, 9, 0, 0, 0, TimeSpan.Zero));
        using var future = JsonDocument.Parse(upcoming.StandardOutput);
        Assert.DoesNotContain(future.RootElement.EnumerateArray(), e => e.GetProperty("date").GetString() == "2020-08-09");
        Assert.Contains(future.RootElement.EnumerateArray(), e => e.GetProperty("source").GetString() == "demo");
    }
}
