using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Grains.Elections;
using Grid.Testing.Postgres;
using Grid.Testing.Processes;
using Grid.Testing.Silo;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;

namespace Grid.Silo.Tests.Detection;

/// <summary>
/// An election dated 0001-01-01 (and one dated 9999-12-31) that got into the calendar's stored
/// state before the API refused such days: the calendar grain's row in PostgreSQL is rewritten
/// with them, in the codec the silo itself writes, between two runs of the demo. The calendar,
/// /metrics and detection must all go on: the watch windows saturate instead of overflowing.
/// </summary>
public sealed class StoredBadElectionTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string DemoType = "Demo presidential election";

    [Fact]
    public async Task ACalendarHoldingYearOneStillServesAndTheDemoCountryStillTurnsCritical()
    {
        var database = await postgres.CreateDatabaseAsync("badelection");
        var settings = new Dictionary<string, string?>
        {
            ["Grid__Logging__Format"] = "json",
            ["Grid__Storage__Postgres"] = database,
            ["Grid__Demo__WarmUp"] = "00:00:40",
            ["Grid__Demo__Outage"] = "00:00:40",
        };

        // The first run writes the calendar's row (the demo puts BY's election in it).
        await using (var first = await SiloProcess.StartAsync(["--demo"], settings))
        {
            await Poll.UntilAsync("the demo's election is stored", async () =>
                (await first.Http.GetFromJsonAsync<JsonElement>("/v1/elections?country=BY")).GetArrayLength() > 0, TimeSpan.FromSeconds(60));
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var stored = new ElectionCalendarState
        {
            Entries =
            [
                new ElectionEntry("BY", today, DemoType, "demo"),
                new ElectionEntry("BY", DateOnly.MinValue, "year one", "import"),
                new ElectionEntry("KZ", DateOnly.MaxValue, "year 9999", "import"),
            ],
        };
        Assert.Equal(1, await RewriteCalendarAsync(database, stored));

        await using var silo = await SiloProcess.StartAsync(["--demo"], settings);
        var calendar = await silo.Http.GetFromJsonAsync<JsonElement>("/v1/elections");
        var yearOne = calendar.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "year one");
        Assert.Equal("0001-01-01T00:00:00+00:00", yearOne.GetProperty("watchFrom").GetString());
        var yearEnd = calendar.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "year 9999");
        Assert.Equal(DateTimeOffset.MaxValue, yearEnd.GetProperty("watchUntil").GetDateTimeOffset());
        using (var metrics = await silo.Http.GetAsync("/metrics"))
        {
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        }

        await Poll.UntilAsync("BY turns critical", async () =>
            (await silo.Http.GetFromJsonAsync<JsonElement>("/v1/countries/BY")).GetProperty("level").GetString() == "critical", TimeSpan.FromMinutes(2));
        using var scrape = await silo.Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        var text = await scrape.Content.ReadAsStringAsync();
        Assert.Contains("grid_entity_level{kind=\"country\",country=\"BY\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("grid_election_watch{country=\"BY\"} 1\n", text, StringComparison.Ordinal);
        using var listed = await silo.Http.GetAsync("/v1/elections");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        // KZ holds the 9999-12-31 entry: its detection ticks on like every other country's.
        Assert.Equal("normal", (await silo.Http.GetFromJsonAsync<JsonElement>("/v1/countries/KZ")).GetProperty("level").GetString());
    }

    /// <summary>Replaces the stored calendar with <paramref name="state"/>, written as the silo writes grain state; returns the rows changed.</summary>
    private static async Task<int> RewriteCalendarAsync(string database, ElectionCalendarState state)
    {
        await using var services = new ServiceCollection()
            .AddSerializer(serializer => serializer.AddAssembly(typeof(ElectionEntry).Assembly))
            .BuildServiceProvider();
        var payload = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()).Serialize(state).ToArray();

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var update = connection.CreateCommand();
        // The one row whose payload holds the demo's election is the calendar's.
        update.CommandText = "UPDATE OrleansStorage SET payloadbinary = @payload WHERE position(convert_to(@marker, 'UTF8') in payloadbinary) > 0";
        update.Parameters.AddWithValue("payload", payload);
        update.Parameters.AddWithValue("marker", DemoType);
        return await update.ExecuteNonQueryAsync();
    }
}
