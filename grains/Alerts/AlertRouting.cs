using Grid.Grains.Detection;
using Grid.Grains.Entities;

namespace Grid.Grains.Alerts;

/// <summary>Which subscriptions a level change goes to, and with which tags.</summary>
public static class AlertRouting
{
    public const string ElectionTag = "election";

    /// <summary>
    /// A subscription hears a change when the new or the previous level reaches its minimum (so it
    /// also hears the recovery of what it was told about). Election-only subscriptions hear only
    /// changes inside a watch window, all of them unless their lists narrow it; the others hear
    /// what their lists name (empty lists: everything). A listed country covers its regions: a
    /// region's event carries the region's country.
    /// </summary>
    public static bool Matches(Subscription subscription, AnomalyEvent anomaly, bool inElection)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(anomaly);
        var minimum = DetectionLevelExtensions.Worst(subscription.MinLevel, DetectionLevel.Warning);
        if (anomaly.Level < minimum && anomaly.PreviousLevel < minimum)
        {
            return false;
        }

        if (subscription.ElectionOnly && !inElection)
        {
            return false;
        }

        var regions = subscription.ListedRegions;
        var listed = subscription.Countries.Length + subscription.Asns.Length + regions.Length > 0;
        if (!listed)
        {
            return true;
        }

        var inCountry = anomaly.Country is { } country && subscription.Countries.Contains(country, StringComparer.OrdinalIgnoreCase);
        var isListedAs = anomaly.Kind == EntityKind.As && EntityKey.TryParse(anomaly.Entity, out var key) && subscription.Asns.Contains(key.Asn);
        var isListedRegion = anomaly.Kind == EntityKind.Region && regions.Contains(anomaly.Entity, StringComparer.OrdinalIgnoreCase);
        return inCountry || isListedAs || isListedRegion;
    }

    /// <summary>False for changes no subscription can hear: neither level reaches warning.</summary>
    public static bool CanMatch(AnomalyEvent anomaly)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        return anomaly.Level.IsOutage() || anomaly.PreviousLevel.IsOutage();
    }

    public static string[] Tags(bool inElection) => inElection ? [ElectionTag] : [];

    /// <summary>The tags of an alert raised inside the windows of these kinds of the watch calendar: the kinds, election first.</summary>
    public static string[] Tags(IReadOnlyCollection<string> kinds) =>
        [.. kinds.OrderBy(k => k == ElectionTag ? 0 : 1).ThenBy(k => k, StringComparer.Ordinal)];
}
