using Grid.Testing.Data;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Console;

/// <summary>
/// A <c>--demo</c> silo on a shorter schedule than a newcomer's (BY goes dark 40 s after start, for
/// 40 s), so that the console's whole story (normal, critical, recovered) fits in three minutes;
/// with DB-IP's regions loaded, so that BY's page lists its regions and their attribution.
/// </summary>
public sealed class ConsoleDemoSilo : IAsyncLifetime
{
    private SiloProcess? _silo;

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("The demo silo has not started.");

    public async Task InitializeAsync() =>
        _silo = await SiloProcess.StartAsync(["--demo"], new Dictionary<string, string?>
        {
            ["Grid__Demo__WarmUp"] = "00:00:40",
            ["Grid__Demo__Outage"] = "00:00:40",
            ["Grid__RateLimits__Enabled"] = "false",
            ["Grid__Geo__Regions"] = SharedData.RegionDatabaseDirectory,
        });

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
