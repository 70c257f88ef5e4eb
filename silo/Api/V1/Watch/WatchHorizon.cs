using System.Globalization;

namespace Grid.Silo.Api.V1.Watch;

/// <summary>The <c>upcoming=</c> of <c>GET /v1/watch</c>: a number of days, written <c>90d</c> (or <c>90</c>), 1 to 3,650.</summary>
public static class WatchHorizon
{
    public const int MaxDays = 3650;

    public static bool TryParse(string text, out TimeSpan horizon)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = text.Trim().TrimEnd('d', 'D');
        horizon = default;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is < 1 or > MaxDays)
        {
            return false;
        }

        horizon = TimeSpan.FromDays(days);
        return true;
    }
}
