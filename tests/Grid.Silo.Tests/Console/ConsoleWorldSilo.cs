using System.Net.Http.Json;
using System.Text.Json;
using Grid.Testing.Data;
using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Console;

/// <summary>
/// A silo with a real world in it: RouteViews' RIB of 2002-07-22 replayed with the RIRs' geography,
/// so that every country with address space (about 240) has a status, as the console's weight goal
/// (issue 18: 250 countries) needs; the demo has four.
/// </summary>
public sealed class ConsoleWorldSilo : IAsyncLifetime
{
    private SiloProcess? _silo;

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    /// <summary>Countries with a status once the replay is done.</summary>
    public int Countries { get; private set; }

    /// <summary>The settings of a silo that replays the 2002 RIB (bench/Grid.Bench's console benchmark uses the same).</summary>
    public static Dictionary<string, string?> Settings() => Rib2002Silo.Settings(Rib2002Silo.Rib);

    public async Task InitializeAsync()
    {
        _silo = await SiloProcess.StartAsync([], Settings());
        await Poll.UntilAsync("the 2002 RIB is replayed", async () =>
        {
            var feeds = await Silo.Http.GetFromJsonAsync<JsonElement>("/v1/feeds");
            var mrt = feeds.EnumerateArray().Single(f => f.GetProperty("name").GetString()!.StartsWith("mrt", StringComparison.Ordinal));
            var state = mrt.GetProperty("state").GetString();
            return state == "failed" ? throw new InvalidOperationException("The replay failed: " + mrt.GetProperty("detail").GetString()) : state == "finished";
        }, TimeSpan.FromMinutes(3));
        Countries = (await Silo.Http.GetFromJsonAsync<JsonElement>("/v1/countries")).GetArrayLength();
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
