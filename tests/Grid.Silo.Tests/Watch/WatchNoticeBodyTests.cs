using System.Text.Json;
using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Grains.Elections;
using Grid.Grains.Watch;

namespace Grid.Silo.Tests.Watch;

/// <summary>
/// A watch notice in Slack's format carries a calendar entry's title, which an admin or an imported
/// CSV wrote. Slack reads &amp;, &lt; and &gt; as control characters (its formatting reference,
/// "Escaping text"): a title must reach the channel as text, never as a mention or a link.
/// </summary>
public sealed class WatchNoticeBodyTests
{
    [Fact]
    public void ASlacksTitleIsTextThatPingsNoOneAndLinksNowhere()
    {
        var subscription = new Subscription("sub-1", "https://hooks.example.org/services/T0/B0/x", "secret-never-shown", [], [], DetectionLevel.Warning, false, Subscription.SlackFormat, DateTimeOffset.UnixEpoch, WatchNotices: true);
        var entry = new ElectionEntry("IQ", new DateOnly(2031, 6, 14), "<!channel> exams & <https://phish.example|results>", "csv") { Kind = WatchKinds.Exam };

        var body = WatchNoticeBody.Write(WatchNotice.Upcoming, "d-1", subscription, entry, new ElectionOptions(), null, DateTimeOffset.UnixEpoch);

        var text = JsonDocument.Parse(body).RootElement.GetProperty("text").GetString()!;
        Assert.Contains("IQ: &lt;!channel&gt; exams &amp; &lt;https://phish.example|results&gt; (exam)", text, StringComparison.Ordinal);
        Assert.DoesNotContain('<', text);
        Assert.DoesNotContain('>', text);
        Assert.DoesNotContain("secret-never-shown", body, StringComparison.Ordinal);
    }

    [Fact]
    public void GridsJsonKeepsTheTitleAsWritten()
    {
        var subscription = new Subscription("sub-2", "https://hooks.example.org/grid", "secret", [], [], DetectionLevel.Warning, false, Subscription.JsonFormat, DateTimeOffset.UnixEpoch, WatchNotices: true);
        var entry = new ElectionEntry("IQ", new DateOnly(2031, 6, 14), "Exams <grade 12> & resits", "csv") { Kind = WatchKinds.Exam };

        var body = WatchNoticeBody.Write(WatchNotice.Upcoming, "d-2", subscription, entry, new ElectionOptions(), null, DateTimeOffset.UnixEpoch);

        Assert.Equal("Exams <grade 12> & resits", JsonDocument.Parse(body).RootElement.GetProperty("entry").GetProperty("title").GetString());
    }
}
