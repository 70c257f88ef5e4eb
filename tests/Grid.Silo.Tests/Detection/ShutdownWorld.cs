using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Grid.Testing.Mrt;

namespace Grid.Silo.Tests.Detection;

/// <summary>
/// A test-written world for a real silo: a geography that places 100.64.0.0/10 in Belarus, and MRT
/// files in which two full-feed peers carry 40 Belarusian /16s (10,240 /24s) plus 20 prefixes
/// elsewhere, withdraw 30 of the 40 at <see cref="Cut"/> and announce them again six hours later.
/// </summary>
internal sealed class ShutdownWorld : IDisposable
{
    public const string AdminKey = "grid-test-admin-key-7c1f";
    public const string ReadKey = "grid-test-read-key-19ab";
    public const string Secret = "receiver-secret-0123456789";

    public static readonly DateTimeOffset Cut = new(2020, 8, 9, 6, 0, 0, TimeSpan.Zero);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("grid-shutdown-");

    private ShutdownWorld()
    {
    }

    public string GeoDir => Path.Combine(_directory.FullName, "geo");

    public string Rib { get; private set; } = "";

    public string Updates { get; private set; } = "";

    /// <param name="firstUpdate">How long before the cut the first update comes: a paced replay
    /// starts its clock there, so a shorter lead reaches the cut sooner.</param>
    /// <param name="outage">How long the 30 prefixes stay withdrawn.</param>
    public static async Task<ShutdownWorld> CreateAsync(TimeSpan? firstUpdate = null, TimeSpan? outage = null)
    {
        var lead = firstUpdate ?? TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1);
        var down = outage ?? TimeSpan.FromHours(6);
        var world = new ShutdownWorld();
        Directory.CreateDirectory(world.GeoDir);
        await File.WriteAllLinesAsync(Path.Combine(world.GeoDir, "delegated-lab-extended-latest"),
        [
            "2|lab|20260101|2|19700101|20260101|+0000",
            "lab|BY|ipv4|100.64.0.0|4194304|20200101|allocated|lab",
        ]);
        var belarus = Enumerable.Range(0, 40).Select(i => $"100.{64 + i}.0.0/16").ToList();
        var elsewhere = Enumerable.Range(0, 20).Select(i => $"198.18.{i}.0/24").ToList();
        // A day of history before the cut; the first update comes a minute after the RIB, so a paced
        // replay starts its clock there. The last update, elsewhere, moves the silo's event clock on.
        var (rib, updates) = await new MrtTimeline(("192.0.2.1", 64496), ("192.0.2.2", 64497))
            .Rib(Cut.AddDays(-1), [.. belarus, .. elsewhere])
            .Announce(Cut - lead, ["198.19.0.0/24"])
            .Withdraw(Cut, belarus.Skip(10))
            .Announce(Cut + down, belarus.Skip(10))
            .Announce(Cut + down + down, ["198.19.1.0/24"])
            .WriteAsync(world._directory.FullName);
        world.Rib = rib;
        world.Updates = updates;
        return world;
    }

    /// <summary>Settings for a silo that judges this world quickly: small full-feed threshold, 1 s ticks, quick retries, and two API keys.</summary>
    public Dictionary<string, string?> Environment() => new()
    {
        ["Grid__Logging__Format"] = "json",
        ["Grid__Geo__Dir"] = GeoDir,
        ["Grid__Feeds__RisLive__Enabled"] = "false",
        ["Grid__Visibility__FullFeedIPv4Prefixes"] = "10",
        ["Grid__Detection__Tick"] = "00:00:01",
        ["Grid__Alerts__AllowPrivateTargets"] = "true",
        ["Grid__Alerts__AllowedPorts"] = "1-65535",
        ["Grid__Alerts__OutboxTick"] = "00:00:00.200",
        ["Grid__Alerts__FirstBackoff"] = "00:00:00.500",
        ["Grid__Alerts__MaxBackoff"] = "00:00:02",
        ["Grid__Alerts__MaxAttempts"] = "1000",
        ["Grid__Auth__Keys__0__Name"] = "admin",
        ["Grid__Auth__Keys__0__Hash"] = Hash(AdminKey),
        ["Grid__Auth__Keys__0__Scopes__0"] = "admin",
        ["Grid__Auth__Keys__1__Name"] = "reader",
        ["Grid__Auth__Keys__1__Hash"] = Hash(ReadKey),
        ["Grid__Auth__Keys__1__Scopes__0"] = "read",
    };

    public static HttpRequestMessage Admin(HttpMethod method, string path, HttpContent? content = null) => new(method, path)
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", AdminKey) },
        Content = content,
    };

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _directory.Delete(recursive: true);
}
