using System.Globalization;
using System.Text.Json;
using Grid.Grains.Alerts;
using Grid.Grains.Elections;

namespace Grid.Grains.Watch;

/// <summary>What a subscriber receives for a notice: Grid's JSON, or a Slack-compatible <c>{"text": …}</c>; signed as alerts are (<see cref="WebhookBody.Sign"/>).</summary>
public static class WatchNoticeBody
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Write(string notice, string deliveryId, Subscription subscription, ElectionEntry entry, ElectionOptions windows, WatchRisk? risk, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(windows);
        var from = windows.WatchFrom(entry);
        var until = windows.WatchUntil(entry);
        if (subscription.Format == Subscription.SlackFormat)
        {
            var place = entry.Region ?? entry.Country;
            return JsonSerializer.Serialize(new
            {
                text = string.Create(CultureInfo.InvariantCulture,
                    $"Grid: {notice} {SlackEscaped(place)}: {SlackEscaped(entry.Type)} ({entry.WatchKind}), watched {from:yyyy-MM-dd HH:mm} UTC until {until:yyyy-MM-dd HH:mm} UTC{(risk is null ? "" : $", risk {risk.Level}")}."),
            }, Json);
        }

        return JsonSerializer.Serialize(new
        {
            id = deliveryId,
            subscription = subscription.Id,
            @event = notice,
            at,
            entry = new
            {
                id = entry.Id,
                kind = entry.WatchKind,
                country = entry.Country,
                region = entry.Region,
                start = entry.Date,
                end = entry.LastDay,
                title = entry.Type,
                source = entry.Source,
                watchFrom = from,
                watchUntil = until,
            },
            risk,
            tags = new[] { entry.WatchKind },
        }, Json);
    }

    /// <summary>
    /// Slack reads &amp;, &lt; and &gt; as control characters (<c>&lt;!channel&gt;</c> pings a channel,
    /// <c>&lt;https://…|text&gt;</c> is a link): a title from a CSV or an admin is text, so they are
    /// written as the HTML entities Slack's formatting reference asks for, and nothing else is.
    /// </summary>
    private static string SlackEscaped(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);
}
