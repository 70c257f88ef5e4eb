using System.Text.Json;
using Grid.Grains.Detection;

namespace Grid.Grains.Tests.Detection;

/// <summary>Levels compare by severity and keep the lowercase names the API, webhooks and event ids have always used.</summary>
public sealed class DetectionLevelTests
{
    [Fact]
    public void LevelsOrderBySeverity()
    {
        Assert.Equal([DetectionLevel.Unknown, DetectionLevel.Normal, DetectionLevel.Warning, DetectionLevel.Critical], Enum.GetValues<DetectionLevel>().Order());
        Assert.Equal(DetectionLevel.Critical, DetectionLevelExtensions.Worst(DetectionLevel.Warning, DetectionLevel.Critical));
        Assert.Equal(DetectionLevel.Normal, DetectionLevelExtensions.Worst(DetectionLevel.Normal, DetectionLevel.Unknown));
    }

    [Fact]
    public void OnlyWarningAndCriticalAreOutages()
    {
        Assert.Equal([DetectionLevel.Warning, DetectionLevel.Critical], Enum.GetValues<DetectionLevel>().Where(l => l.IsOutage()));
    }

    [Theory]
    [InlineData(DetectionLevel.Unknown, "unknown")]
    [InlineData(DetectionLevel.Normal, "normal")]
    [InlineData(DetectionLevel.Warning, "warning")]
    [InlineData(DetectionLevel.Critical, "critical")]
    public void ALevelIsItsLowercaseNameInJsonAndText(DetectionLevel level, string name)
    {
        Assert.Equal(name, level.Name());
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(level, JsonSerializerOptions.Web));
        Assert.Equal(level, JsonSerializer.Deserialize<DetectionLevel>($"\"{name}\"", JsonSerializerOptions.Web));
        Assert.True(DetectionLevelExtensions.TryParseLevel(name, out var parsed));
        Assert.Equal(level, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Critical")]
    [InlineData("severe")]
    [InlineData("3")]
    public void TextThatIsNotALevelNameIsRefused(string? text)
    {
        Assert.False(DetectionLevelExtensions.TryParseLevel(text, out _));
    }

    [Fact]
    public void AnEventCarryingLevelsWritesTheirNames()
    {
        var change = new AnomalyEvent("BY-1-critical", "BY", Grid.Grains.Entities.EntityKind.Country, "BY", DetectionLevel.Critical, DetectionLevel.Normal, DateTimeOffset.UnixEpoch, null,
            [new SignalReading("bgp", 1, 2, 0.5, DetectionLevel.Warning)], false);

        var json = JsonSerializer.Serialize(change, JsonSerializerOptions.Web);

        Assert.Contains("\"level\":\"critical\",\"previousLevel\":\"normal\"", json, StringComparison.Ordinal);
        Assert.Contains("\"ratio\":0.5,\"level\":\"warning\"", json, StringComparison.Ordinal);
    }
}
