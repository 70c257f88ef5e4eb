using Microsoft.Extensions.Configuration;

namespace Grid.Grains.Detection;

/// <summary>
/// Applies <see cref="SignalThresholds.Like"/>: a signal configured with <c>Like=probes</c> takes the
/// configured probes settings (defaults and the operator's overrides), then its own keys. Run after
/// binding, since the binder alone would start every new signal from BGP's defaults.
/// </summary>
public static class SignalLikeness
{
    /// <summary>Rebuilds every entry of <paramref name="options"/> whose section under <paramref name="detection"/> (<c>Grid:Detection</c>) says <c>Like</c>.</summary>
    public static void Apply(DetectionOptions options, IConfiguration detection)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(detection);
        foreach (var section in detection.GetSection(nameof(DetectionOptions.Signals)).GetChildren())
        {
            if (section[nameof(SignalThresholds.Like)] is not { Length: > 0 } like)
            {
                continue;
            }

            if (string.Equals(like, section.Key, StringComparison.OrdinalIgnoreCase)
                || !options.Signals.TryGetValue(like, out var model)
                || !string.IsNullOrEmpty(model.Like))
            {
                var known = string.Join(", ", options.Signals.Where(s => string.IsNullOrEmpty(s.Value.Like) && !string.Equals(s.Key, section.Key, StringComparison.OrdinalIgnoreCase)).Select(s => s.Key).Order(StringComparer.Ordinal));
                throw new InvalidOperationException(
                    $"{DetectionOptions.Section}:Signals:{section.Key}:Like is '{like}', which is not a signal to start from; name one of {known} (for example Like=probes).");
            }

            var settings = model.Copy();
            section.Bind(settings);
            options.Signals[section.Key] = settings;
        }
    }
}
