using System.Globalization;
using Grid.Grains.Entities;
using Grid.Grains.Signals;

namespace Grid.Silo.Api.V1;

/// <summary>
/// The <c>from</c>, <c>until</c> and <c>step</c> of a history request. Times are ISO 8601 or Unix
/// seconds. Without them the last 24 hours up to the entity's latest data are served, so a
/// replayed 2011 file shows 2011, not an empty today.
/// </summary>
internal sealed record HistoryQuery(DateTimeOffset From, DateTimeOffset Until, TimeSpan Step)
{
    private const int MaxPoints = 10_000;

    public static bool TryParse(string? from, string? until, string? step, EntityStatus status, SignalOptions options, out HistoryQuery query, out IResult? problem)
    {
        query = null!;
        problem = null;
        // The defaults rest on the entity's own clock, which the intake keeps within the bounds too;
        // clamping it anyway keeps a day back from it representable.
        var latest = Clamp(status.UpdatedAt ?? DateTimeOffset.UtcNow);
        if (!TryTime(until, "until", latest, out var end, ref problem)
            || !TryTime(from, "from", end.AddDays(-1), out var start, ref problem))
        {
            return false;
        }

        var interval = options.Step;
        if (step is not null && !TryStep(step, out interval))
        {
            problem = ApiProblems.BadRequest("Malformed step", $"step '{step}' is not a duration: use seconds (300) or a time span (00:05:00).");
            return false;
        }

        if (start > end)
        {
            problem = ApiProblems.BadRequest("Reversed range", $"from ({start:O}) is after until ({end:O}): swap them.");
            return false;
        }

        if (end - start > options.MaxQueryRange)
        {
            problem = ApiProblems.BadRequest("Range too long", $"{(end - start).TotalDays:0.#} days were asked; at most {options.MaxQueryRange.TotalDays:0.#} days per request. Ask for several ranges.");
            return false;
        }

        // A step past the longest range is never needed, and the resampling steps past the range's end once.
        if (interval > options.MaxQueryRange)
        {
            problem = ApiProblems.BadRequest("Step too large", $"step {interval.TotalDays:0.#} days is longer than the longest range ({options.MaxQueryRange.TotalDays:0.#} days); use a step within the range.");
            return false;
        }

        if (interval < TimeSpan.FromSeconds(1) || (end - start) / interval > MaxPoints)
        {
            problem = ApiProblems.BadRequest("Step too small", $"step {interval.TotalSeconds:0} s over this range gives more than {MaxPoints} points; use a larger step.");
            return false;
        }

        query = new HistoryQuery(start, end, interval);
        return true;
    }

    internal static bool TryTime(string? text, string name, DateTimeOffset fallback, out DateTimeOffset value, ref IResult? problem)
    {
        value = fallback;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            if (seconds < ApiTimeBounds.Earliest.ToUnixTimeSeconds() || seconds > ApiTimeBounds.Latest.ToUnixTimeSeconds())
            {
                problem = ApiTimeBounds.OutOfRange(name, text);
                return false;
            }

            value = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            // 0001-01-01 or 9999-12-31 parse, but a day before or a step after them does not exist.
            if (!ApiTimeBounds.Contains(parsed))
            {
                problem = ApiTimeBounds.OutOfRange(name, text);
                return false;
            }

            value = parsed;
            return true;
        }

        problem = ApiProblems.BadRequest($"Malformed {name}", $"{name} '{text}' is not a time: use ISO 8601 (2021-02-01T00:00:00Z) or Unix seconds.");
        return false;
    }

    private static DateTimeOffset Clamp(DateTimeOffset at) =>
        at < ApiTimeBounds.Earliest ? ApiTimeBounds.Earliest : at > ApiTimeBounds.Latest ? ApiTimeBounds.Latest : at;

    private static bool TryStep(string text, out TimeSpan step) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? (step = TimeSpan.FromSeconds(seconds)) > TimeSpan.Zero
            : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out step);
}
