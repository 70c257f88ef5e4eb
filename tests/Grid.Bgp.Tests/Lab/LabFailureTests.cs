using System.Net;
using Grid.Testing.Lab;

namespace Grid.Bgp.Tests.Lab;

[Trait("needs", "bgp-daemons")]
public sealed class LabFailureTests
{
    [Fact]
    public async Task ADaemonThatDiesIsNamedAndQuotedInTheError()
    {
        await using var lab = await BgpLab.CreateAsync();
        var options = new LabRouterOptions(lab.NextAddress(), 65100, [new BgpNeighbor(BgpLab.SpeakerAddress, BgpLab.SpeakerAsn)])
        {
            MrtUpdatesFile = "/nonexistent-directory/updates.mrt",
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => lab.StartRouterAsync(BgpDaemon.Bird, options));

        Assert.StartsWith("Bird router 127.0.0.2 AS65100: exited", error.Message);
        Assert.Contains("/nonexistent-directory/updates.mrt", error.Message);
    }

    [Fact]
    public async Task DisposingTheLabStopsItsDaemonsAndRemovesItsNamespace()
    {
        var lab = await BgpLab.CreateAsync();
        var router = await lab.StartRouterAsync(BgpDaemon.Frr, new LabRouterOptions(lab.NextAddress(), 65300, []));
        var pid = router.Process!.Id;

        await lab.DisposeAsync();

        Assert.False(Directory.Exists($"/proc/{pid}"), $"bgpd {pid} still runs");
        Assert.False(File.Exists(lab.Namespace.HandlePath), $"namespace {lab.Namespace.Name} still exists");
        Assert.False(Directory.Exists(lab.Directory));
    }
}
