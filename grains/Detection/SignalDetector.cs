namespace Grid.Grains.Detection;

/// <summary>
/// IODA's per-signal method, one evaluation step at a time: compare the value with the median of
/// the signal's history, keep outliers out of that history for at most one window, make no call
/// below the minimum baseline, and confirm a change only after it held (minimum duration before an
/// alert, hysteresis before recovery).
/// </summary>
public static class SignalDetector
{
    /// <summary>
    /// Evaluates the step that ends at <paramref name="end"/>, whose closing value was <paramref name="value"/>;
    /// <paramref name="electionWatch"/> is true inside any watch window of the calendar (elections and the other kinds).
    /// </summary>
    public static SignalStep Evaluate(string signal, SignalDetectorState state, DateTimeOffset end, TimeSpan step, long value, SignalThresholds thresholds, bool electionWatch)
    {
        var median = SignalBaseline.Median(state.History);
        var warm = median is null || SignalBaseline.Span(state.History) < thresholds.WarmUp;
        var ratio = Ratio(value, median, thresholds);
        var raw = warm || (!thresholds.Rises && median < thresholds.MinBaseline) || ratio is null
            ? DetectionLevel.Unknown
            : Call(ratio.Value, thresholds, electionWatch);

        // Inside a watch window the history is not extended, so the baseline stays what it was when
        // the window opened (issue 20): throttling slow enough to pass the outlier band must not
        // become its own baseline. An entity still warming up builds its history as ever.
        if (!electionWatch || warm)
        {
            UpdateHistory(state, end, step, value, thresholds, warm, ratio);
        }

        var reading = new SignalReading(signal, value, median, ratio, raw);
        var previous = state.Level;
        var minutes = step.TotalMinutes;
        if (raw == previous)
        {
            ClearPending(state);
            state.Last = reading with { Level = previous };
            return new SignalStep(state.Last, previous, false, end, 0);
        }

        var escalation = raw > previous && raw.IsOutage();
        var pendingEscalation = state.Pending is { } pending && pending > previous && pending.IsOutage();
        if (state.Pending is null || pendingEscalation != escalation)
        {
            state.PendingSince = end - step;
            state.PendingScore = 0;
        }

        state.Pending = raw;
        if (escalation)
        {
            state.PendingScore += reading.DropPercent * minutes;
        }

        var needed = escalation ? thresholds.MinDuration : previous.IsOutage() ? thresholds.Recovery : TimeSpan.Zero;
        var since = state.PendingSince ?? end - step;
        if (end - since < needed)
        {
            state.Last = reading with { Level = previous };
            return new SignalStep(state.Last, previous, false, since, 0);
        }

        var backlog = escalation ? state.PendingScore - (reading.DropPercent * minutes) : 0;
        state.Level = raw;
        ClearPending(state);
        state.Last = reading;
        return new SignalStep(reading, previous, true, since, backlog);
    }

    /// <summary>Value over baseline; for a rising signal baseline over value, both floored at MinBaseline.</summary>
    private static double? Ratio(long value, double? median, SignalThresholds thresholds)
    {
        if (median is not { } baseline)
        {
            return null;
        }

        if (thresholds.Rises)
        {
            var floor = Math.Max(thresholds.MinBaseline, double.Epsilon);
            return Math.Max(baseline, floor) / Math.Max(value, floor);
        }

        return baseline > 0 ? value / baseline : null;
    }

    private static DetectionLevel Call(double ratio, SignalThresholds thresholds, bool electionWatch)
    {
        var warning = electionWatch ? Math.Max(thresholds.Warning, thresholds.ElectionWarning) : thresholds.Warning;
        return ratio < thresholds.Critical ? DetectionLevel.Critical
            : ratio < warning ? DetectionLevel.Warning
            : DetectionLevel.Normal;
    }

    private static void UpdateHistory(SignalDetectorState state, DateTimeOffset end, TimeSpan step, long value, SignalThresholds thresholds, bool warm, double? ratio)
    {
        var outlier = !warm && ratio is { } r && (r < thresholds.OutlierLow || r > thresholds.OutlierHigh);
        if (outlier)
        {
            state.OutlierSince ??= end - step;
            // A level that lasts a whole window is the new normal (a network renumbered, a block reassigned).
            if (end - state.OutlierSince.Value < thresholds.History)
            {
                return;
            }
        }
        else
        {
            state.OutlierSince = null;
        }

        SignalBaseline.Add(state.History, end, step, value, thresholds.History);
    }

    private static void ClearPending(SignalDetectorState state)
    {
        state.Pending = null;
        state.PendingSince = null;
        state.PendingScore = 0;
    }
}
