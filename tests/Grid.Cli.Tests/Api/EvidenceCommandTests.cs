using System.Text.Json;
using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Cli.Tests.Api;

/// <summary>
/// `grid evidence get` fetches the demo outage's sealed bundle with the server's key and log, and
/// `grid evidence verify` checks them offline, as a responder would before filing them.
/// </summary>
[Collection(DemoSiloCollection.Name)]
public sealed class EvidenceCommandTests(DemoSilo silo) : IDisposable
{
    private static readonly TimeSpan Sealed = TimeSpan.FromMinutes(5);
    private readonly string _folder = Directory.CreateTempSubdirectory("grid-evidence-get-").FullName;

    [Fact]
    public async Task TheDemoOutagesBundleIsFetchedWithKeyAndLogAndVerifies()
    {
        string? id = null;
        await Poll.UntilAsync("BY's event has a sealed bundle", async () =>
        {
            var listed = await GridAgainst.RunAsync(silo, "events", "--cc", DemoSilo.DarkCountry, "--json");
            using var events = JsonDocument.Parse(listed.StandardOutput);
            id = events.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()).FirstOrDefault();
            if (id is null)
            {
                return false;
            }
            var fetched = await GridAgainst.RunAsync(silo, "evidence", "get", id, "-o", Path.Combine(_folder, "bundle.tar.gz"));
            return fetched.ExitCode == 0;
        }, Sealed);

        var verified = await GridExecutable.RunAsync("evidence", "verify", Path.Combine(_folder, "bundle.tar.gz"),
            "--key", Path.Combine(_folder, "key.pem"), "--log", Path.Combine(_folder, "log.jsonl"));
        Assert.True(verified.ExitCode == 0, verified.Output);
        Assert.Contains("signer: the pinned key", verified.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("are signed and chained", verified.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEventWithoutEvidenceIsAClearNotFound()
    {
        var result = await GridAgainst.RunAsync(silo, "evidence", "get", "ZZ-1", "-o", Path.Combine(_folder, "none.tar.gz"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No evidence", result.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
