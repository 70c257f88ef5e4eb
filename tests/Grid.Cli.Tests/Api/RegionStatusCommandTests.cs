using System.Net.Http.Json;
using System.Text.Json;
using Grid.Testing.Data;
using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Cli.Tests.Api;

/// <summary>A demo silo with DB-IP's City Lite loaded (Grid:Geo:Regions), for <c>grid status --regions</c>.</summary>
public sealed class RegionDemoSilo : IAsyncLifetime
{
    private SiloProcess? _silo;

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    public async Task InitializeAsync() => _silo = await SiloProcess.StartAsync(["--demo"], new Dictionary<string, string?>
    {
        ["Grid__Geo__Regions"] = SharedData.RegionDatabaseDirectory,
    });

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    public Task<CommandResult> GridAsync(params string[] arguments) =>
        GridExecutable.RunAsync(new Dictionary<string, string?> { ["GRID_SERVER"] = Silo.BaseAddress.ToString() }, arguments);
}

public sealed class RegionStatusCommandTests(RegionDemoSilo silo) : IClassFixture<RegionDemoSilo>
{
    private const string Attribution = "IP Geolocation by DB-IP (https://db-ip.com), CC BY 4.0";

    [Fact]
    public async Task StatusWithRegionsPrintsTheCountryThenEachRegionAndTheAttribution()
    {
        var regions = await silo.Silo.Http.GetFromJsonAsync<JsonElement>("/v1/regions?country=BY");
        Assert.True(regions.GetArrayLength() >= 2);

        var result = await silo.GridAsync("status", "by", "--regions");

        Assert.True(result.ExitCode == 0, result.Output);
        var lines = result.StandardOutput.Split('\n');
        var heading = Array.FindIndex(lines, l => l.Contains("regions of BY", StringComparison.Ordinal));
        Assert.True(Array.FindIndex(lines, l => l.Contains("BY Belarus", StringComparison.Ordinal)) is >= 0 and var country && country < heading, result.StandardOutput);
        foreach (var region in regions.EnumerateArray())
        {
            var code = region.GetProperty("code").GetString()!;
            var row = lines.Skip(heading).Single(l => l.Contains($" {code} ", StringComparison.Ordinal));
            Assert.Contains(region.GetProperty("name").GetString()!, row, StringComparison.Ordinal);
            Assert.Contains(region.GetProperty("level").GetString()!, row, StringComparison.Ordinal);
        }

        Assert.Contains("BGP / baseline", lines[heading..].First(l => l.Contains("code", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(Attribution, lines.Last(l => l.Trim().Length > 0).Trim());
    }

    [Fact]
    public async Task StatusOfARegionCodeShowsThatRegionWithTheAttribution()
    {
        var regions = await silo.Silo.Http.GetFromJsonAsync<JsonElement>("/v1/regions?country=KZ");
        var region = regions[0];
        var code = region.GetProperty("code").GetString()!;

        var result = await silo.GridAsync("status", code.ToLowerInvariant());

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"{code} {region.GetProperty("name").GetString()}", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(Attribution, result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownRegionIsTheServersProblem()
    {
        var result = await silo.GridAsync("status", "BY-NOWHERE-AT-ALL");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Unknown region", result.StandardError, StringComparison.Ordinal);
    }
}
