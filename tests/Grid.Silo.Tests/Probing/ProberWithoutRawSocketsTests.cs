using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Testing.Data;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Probing;

/// <summary>A prober configured where raw sockets are not allowed: the silo says what to do and keeps serving.</summary>
public sealed class ProberWithoutRawSocketsTests
{
    [Fact]
    public async Task WithoutCapNetRawTheSiloSaysWhatToDoAndKeepsServing()
    {
        using var directory = new TemporaryDirectory();
        var hitlist = directory.PathOf("hitlist.txt");
        await File.WriteAllTextAsync(hitlist, "198.18.0.1 XA AS64500\n");
        // As root, drop CAP_NET_RAW from what the silo can ever have; any other user never had it.
        string[]? launcher = Environment.IsPrivilegedProcess ? ["setpriv", "--bounding-set", "-net_raw", "--inh-caps", "-net_raw", "--"] : null;
        await using var silo = await SiloProcess.StartAsync([], ProbingSilo.Settings(hitlist, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)), ns: null, launcher);

        await silo.WaitForOutputAsync(l => l.Contains("CAP_NET_RAW", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        var status = await ProbingSilo.StatusAsync(silo);
        Assert.Equal("failed", status.GetProperty("state").GetString());
        Assert.Contains("NET_RAW", status.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var feeds = await silo.Http.GetFromJsonAsync<JsonElement>("/v1/feeds");
        var probes = feeds.EnumerateArray().Single(f => f.GetProperty("name").GetString() == "probes");
        Assert.Contains("securityContext", probes.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(silo.HasExited);
        using var ready = await silo.Http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
