using Grid.Silo.Tests.Api;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Console;

/// <summary>A <c>--demo</c> silo whose reads need a key with the <c>read</c> scope (<c>Grid:Auth:RequireKeyForReads</c>).</summary>
public sealed class ConsoleReadKeySilo : IAsyncLifetime
{
    private SiloProcess? _silo;

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    public async Task InitializeAsync() => _silo = await ApiSilo.StartAsync(new Dictionary<string, string?>
    {
        ["Grid__Auth__RequireKeyForReads"] = "true",
    });

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
