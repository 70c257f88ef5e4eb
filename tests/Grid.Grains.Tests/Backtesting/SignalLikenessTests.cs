using Grid.Grains.Detection;
using Microsoft.Extensions.Configuration;

namespace Grid.Grains.Tests.Backtesting;

public sealed class SignalLikenessTests
{
    [Fact]
    public void ASignalLikeProbesTakesTheConfiguredProbesSettingsThenItsOwn()
    {
        var options = Bind(new()
        {
            ["Grid:Detection:Signals:probes:MinBaseline"] = "10",
            ["Grid:Detection:Signals:answers:Like"] = "probes",
            ["Grid:Detection:Signals:answers:Warning"] = "0.3",
        });

        var answers = options.For("answers");
        Assert.Equal(0.3, answers.Warning);
        Assert.Equal(10, answers.MinBaseline);
        Assert.Equal(TimeSpan.FromDays(7), answers.History);
        Assert.Equal(TimeSpan.FromMinutes(30), answers.Recovery);
        // Probes itself keeps its warning.
        Assert.Equal(0.8, options.For("probes").Warning);
    }

    [Fact]
    public void ASignalWithoutLikeStartsFromBgp()
    {
        var options = Bind(new() { ["Grid:Detection:Signals:latency:MinBaseline"] = "1" });

        Assert.Equal(0.99, options.For("latency").Warning);
        Assert.Equal(TimeSpan.FromHours(24), options.For("latency").History);
    }

    [Fact]
    public void LikeAnUnknownSignalSaysWhichItMayBe()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Bind(new() { ["Grid:Detection:Signals:answers:Like"] = "pings" }));

        Assert.Equal("Grid:Detection:Signals:answers:Like is 'pings', which is not a signal to start from; name one of bgp, bgp6, probes, probesLossPpm, probesRttMicroseconds (for example Like=probes).", e.Message);
    }

    private static DetectionOptions Bind(Dictionary<string, string?> settings)
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(DetectionOptions.Section);
        var options = new DetectionOptions();
        section.Bind(options);
        SignalLikeness.Apply(options, section);
        return options;
    }
}
