using Xunit;
using System.Security.Cryptography;
using System.Text;

namespace Grid.Testing.Silo;

/// <summary>
/// A real silo running <c>--demo</c> (four simulated countries, BY shut down 60 s into every cycle,
/// an election today in BY), with one configured API key of the admin scope. Share one per test
/// collection: the demo needs a minute and a half before BY's shutdown becomes an event.
/// </summary>
public sealed class DemoSilo : IAsyncLifetime
{
    /// <summary>The admin key the silo is configured with; only its SHA-256 is passed to the silo.</summary>
    public const string AdminKey = "grid-tests-admin-key-0123456789abcdef";

    /// <summary>The country the demo shuts down.</summary>
    public const string DarkCountry = "BY";

    public static readonly string[] Countries = ["AZ", "BY", "KZ", "MM"];

    private SiloProcess? _silo;

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("The demo silo has not started.");

    public Uri BaseAddress => Silo.BaseAddress;

    public async Task InitializeAsync()
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AdminKey)));
        _silo = await SiloProcess.StartAsync(["--demo"], new Dictionary<string, string?>
        {
            ["Grid__Auth__Keys__0__Hash"] = hash,
            ["Grid__Auth__Keys__0__Scopes__0"] = "admin",
            ["Grid__Auth__Keys__0__Name"] = "tests",
            ["Grid__RateLimits__Enabled"] = "false",
        });
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
