using System.Globalization;
using Grid.Silo.Tests.Api;
using Grid.Testing.Data;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Intake;

/// <summary>
/// One real silo for the intake tests of a class: the RIRs' geography loaded (it decides a block's
/// country), no live feed, and the API test keys plus a second ingest key, so two senders can be told apart.
/// </summary>
public class IntakeSilo : IAsyncLifetime
{
    public const string SecondIngestKey = "grid-api-test-ingest-b-91c4";

    private SiloProcess? _silo;

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    public HttpClient Http => Silo.Http;

    /// <summary>The silo's resident set size now (VmRSS in /proc/PID/status), in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Silo.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{Silo.Id}/status has no VmRSS line");
    }

    /// <summary>Settings a fixture of its own adds.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Extra { get; } = new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Grid__Feeds__RisLive__Enabled"] = "false",
            ["Grid__Geo__Dir"] = SharedData.PathOf("rir"),
            ["Grid__Geo__Refresh__Enabled"] = "false",
            ["Grid__Auth__Keys__3__Name"] = "vantage-b",
            ["Grid__Auth__Keys__3__Hash"] = ApiSilo.Hash(SecondIngestKey),
            ["Grid__Auth__Keys__3__Scopes__0"] = "ingest",
            // The fuzzing pass posts thousands of bodies with one key: every one must reach the intake, not the rate limit.
            ["Grid__RateLimits__PerKey__PermitsPerSecond"] = "100000",
            ["Grid__RateLimits__PerKey__Burst"] = "100000",
        };
        foreach (var (name, value) in Extra)
        {
            settings[name] = value;
        }

        _silo = await SiloProcess.StartAsync([], ApiSilo.Settings(settings));
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
