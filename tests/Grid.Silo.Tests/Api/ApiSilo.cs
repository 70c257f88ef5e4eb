using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Api;

/// <summary>
/// A real demo silo (four countries with data, no files, no network) with an admin, a read and an
/// ingest key configured, for the API's tests. <see cref="StartAsync"/> takes extra settings
/// (rate limits, keyed reads) for the tests that need another server.
/// </summary>
public class ApiSilo : IAsyncLifetime
{
    public const string AdminKey = "grid-api-test-admin-5d0c";
    public const string ReadKey = "grid-api-test-read-81fe";
    public const string IngestKey = "grid-api-test-ingest-3a77";

    private SiloProcess? _silo;

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    public HttpClient Http => Silo.Http;

    public static Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Grid__Logging__Format"] = "json",
            ["Grid__Auth__Keys__0__Name"] = "ops",
            ["Grid__Auth__Keys__0__Hash"] = Hash(AdminKey),
            ["Grid__Auth__Keys__0__Scopes__0"] = "admin",
            ["Grid__Auth__Keys__1__Name"] = "dashboard",
            ["Grid__Auth__Keys__1__Hash"] = Hash(ReadKey),
            ["Grid__Auth__Keys__1__Scopes__0"] = "read",
            ["Grid__Auth__Keys__2__Name"] = "vantage",
            ["Grid__Auth__Keys__2__Hash"] = Hash(IngestKey),
            ["Grid__Auth__Keys__2__Scopes__0"] = "ingest",
            // Tests fire requests quickly from one address; the flood test sets its own small limits.
            ["Grid__RateLimits__PerAddress__PermitsPerSecond"] = "10000",
            ["Grid__RateLimits__PerAddress__Burst"] = "10000",
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[name] = value;
        }

        return settings;
    }

    public static Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string?>? extra = null) =>
        SiloProcess.StartAsync(["--demo"], Settings(extra));

    /// <summary>Settings this fixture adds to <see cref="Settings"/>.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Extra => null;

    public async Task InitializeAsync() => _silo = await StartAsync(Extra);

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    public static HttpRequestMessage With(string key, HttpMethod method, string path, HttpContent? content = null) => new(method, path)
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
        Content = content,
    };

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Asserts an RFC 9457 problem with <paramref name="status"/> and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    public async Task<JsonElement> GetJsonAsync(string path) => await Http.GetFromJsonAsync<JsonElement>(path);
}
