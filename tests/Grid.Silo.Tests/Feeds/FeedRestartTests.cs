using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Testing.Data;
using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Feeds;

/// <summary>A feed that throws runs again with backoff: an MRT replay whose file is not there yet replays it once it appears.</summary>
public sealed class FeedRestartTests
{
    [Fact]
    public async Task AReplayThatFailedForWantOfItsFileRunsAgainOnceTheFileAppears()
    {
        var directory = Directory.CreateTempSubdirectory("grid-feed-restart-");
        try
        {
            var rib = Path.Combine(directory.FullName, "rib.mrt.gz");
            await using var silo = await SiloProcess.StartAsync(["--mrt", rib], new Dictionary<string, string?>
            {
                ["Grid__Logging__Format"] = "json",
                ["Grid__Geo__Dir"] = SharedData.PathOf("rir"),
                ["Grid__Feeds__RisLive__Enabled"] = "false",
            });

            await Poll.UntilAsync("the replay fails for want of its file", async () =>
                (await MrtFeedAsync(silo))?.GetProperty("state").GetString() == "failed", TimeSpan.FromSeconds(60));
            var failed = (await MrtFeedAsync(silo))!.Value;
            Assert.Contains("no readable MRT file", failed.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains("restarting in", failed.GetProperty("detail").GetString(), StringComparison.Ordinal);

            File.Copy(SharedData.PathOf("mrt", "pyasn.rib.20140523.0600_firstMB.complete-records.mrt.gz"), rib);
            var appeared = Stopwatch.StartNew();
            await Poll.UntilAsync("the replay runs again", async () =>
                (await MrtFeedAsync(silo))?.GetProperty("state").GetString() is "running" or "finished", TimeSpan.FromSeconds(90));
            Assert.True(appeared.Elapsed < TimeSpan.FromSeconds(60), $"the replay ran again {appeared.Elapsed.TotalSeconds:0} s after its file appeared");
            await silo.WaitForOutputAsync(l => l.Contains("MRT replay finished", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<JsonElement?> MrtFeedAsync(SiloProcess silo) =>
        (await silo.Http.GetFromJsonAsync<JsonElement>("/v1/feeds")).EnumerateArray()
            .Select(f => (JsonElement?)f).FirstOrDefault(f => f!.Value.GetProperty("name").GetString() == "mrt");
}
