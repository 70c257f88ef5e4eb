using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Testing.Postgres;
using Grid.Testing.Processes;
using Grid.Testing.Silo;
using Npgsql;

namespace Grid.Silo.Tests;

/// <summary>The silo as a newcomer runs it: a real process, real Kestrel, real PostgreSQL.</summary>
public sealed class SiloHostingTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly Dictionary<string, string?> JsonLogs = new() { ["Grid__Logging__Format"] = "json" };

    [Fact]
    public async Task EmbeddedDefaultServesHealthReadinessAndInfoWithNoServers()
    {
        await using var silo = await SiloProcess.StartAsync(environment: JsonLogs);

        var health = await silo.Http.GetFromJsonAsync<JsonElement>("/healthz");
        using var ready = await silo.Http.GetAsync("/readyz");
        var info = await silo.Http.GetFromJsonAsync<JsonElement>("/");

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("memory", info.GetProperty("storage").GetString());
        Assert.Equal("Grid", info.GetProperty("name").GetString());
    }

    [Fact]
    public async Task WithoutUrlsItListensOnLoopbackPort5080()
    {
        await using var unconfigured = await SiloProcess.StartWithoutUrlsAsync(JsonLogs);
        Assert.Equal(new Uri("http://127.0.0.1:5080"), unconfigured.BaseAddress);
        await unconfigured.WaitForOutputAsync(l => l.Contains("Now listening on: http://127.0.0.1:5080", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task LogsAreOneJsonObjectPerLine()
    {
        await using var silo = await SiloProcess.StartAsync(environment: JsonLogs);
        await silo.WaitForOutputAsync(l => l.Contains("Grain runtime ready", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        var lines = silo.Output.Where(l => l.Length > 0).ToList();

        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("LogLevel", out _));
            Assert.True(entry.RootElement.TryGetProperty("Category", out _));
        });
    }

    [Fact]
    public async Task CommandLineOverridesEnvironmentWhichOverridesAppsettings()
    {
        await using var silo = await SiloProcess.StartAsync(["--Grid:Logging:Format=text"], JsonLogs);

        var line = await silo.WaitForOutputAsync(l => l.Contains("Grain runtime ready", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        Assert.False(line.TrimStart().StartsWith('{'), $"expected a text line, got {line}");
    }

    [Fact]
    public async Task PostgresSettingMovesGrainStateIntoPostgres()
    {
        var database = await postgres.CreateDatabaseAsync("silo");
        await using var silo = await SiloProcess.StartAsync(
            environment: new Dictionary<string, string?>(JsonLogs) { ["Grid__Storage__Postgres"] = database });

        using var ready = await silo.Http.GetAsync("/readyz");
        var info = await silo.Http.GetFromJsonAsync<JsonElement>("/");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("postgres", info.GetProperty("storage").GetString());
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT to_regclass('orleansstorage') IS NOT NULL", connection);
        Assert.True((bool)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task UnreachablePostgresKeepsTheSiloAliveButNotReadyAndHidesThePassword()
    {
        const string password = "s3cret-never-logged";
        var closedPort = LoopbackPort.FindFree();
        await using var silo = await SiloProcess.StartAsync(
            environment: new Dictionary<string, string?>(JsonLogs)
            {
                ["Grid__Storage__Postgres"] = $"Host=127.0.0.1;Port={closedPort};Username=grid;Password={password};Timeout=2",
            });

        using var live = await silo.Http.GetAsync("/healthz");
        using var ready = await silo.Http.GetAsync("/readyz");
        var body = await ready.Content.ReadAsStringAsync();
        await silo.WaitForOutputAsync(l => l.Contains("unreachable", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("Grid:Storage:Postgres", body, StringComparison.Ordinal);
        Assert.DoesNotContain(password, body, StringComparison.Ordinal);
        Assert.DoesNotContain(silo.Output, l => l.Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SigtermStopsTheRuntimeGracefully()
    {
        var silo = await SiloProcess.StartAsync(environment: JsonLogs);

        var exitCode = await silo.StopAsync();

        Assert.Equal(0, exitCode);
        Assert.Contains(silo.Output, l => l.Contains("Grain runtime stopped", StringComparison.Ordinal));
        await silo.DisposeAsync();
    }
}
