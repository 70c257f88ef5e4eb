using Grid.Grains.Detection;
using Grid.Grains.Signals;
using Microsoft.Extensions.Configuration;

namespace Grid.Cli.Backtesting;

/// <summary>
/// The settings a backtest judges with: the silo's defaults, then <c>--signal NAME=probes|bgp</c>
/// (<c>Grid:Detection:Signals:NAME:Like</c>), then <c>--config KEY=VALUE</c>, read and bound as the
/// silo binds its configuration, so a key means the same here as in appsettings.json.
/// </summary>
internal sealed record BacktestSettings(DetectionOptions Detection, SignalOptions Signals, IConfiguration Configuration)
{
    public static BacktestSettings From(IEnumerable<string> signals, IEnumerable<string> config)
    {
        // Later settings win, as in appsettings.json layered under the command line; keys ignore case as configuration does.
        var pairs = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            // An MRT backtest runs the grains, whose detection ticks move entities on after the replay:
            // each second rather than each minute, unless the caller says otherwise.
            [$"{DetectionOptions.Section}:{nameof(DetectionOptions.Tick)}"] = "00:00:01",
        };
        foreach (var signal in signals)
        {
            var (name, like) = Split(signal, "--signal", "answers=probes");
            if (like is not ("probes" or "bgp"))
            {
                throw new ArgumentException($"--signal {signal}: judge a signal like probes or bgp, as --signal {name}=probes");
            }

            pairs[$"{DetectionOptions.Section}:Signals:{name}:Like"] = like;
        }

        foreach (var setting in config)
        {
            var (key, value) = Split(setting, "--config", "Grid:Detection:Signals:answers:MinBaseline=3");
            pairs[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(pairs).Build();
        var detection = new DetectionOptions();
        var section = configuration.GetSection(DetectionOptions.Section);
        var series = new SignalOptions();
        try
        {
            section.Bind(detection);
            SignalLikeness.Apply(detection, section);
            configuration.GetSection(SignalOptions.Section).Bind(series);
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException($"--config: {e.GetBaseException().Message}", e);
        }

        if (series.Step <= TimeSpan.Zero || TimeSpan.FromDays(1).Ticks % series.Step.Ticks != 0)
        {
            throw new ArgumentException($"--config {SignalOptions.Section}:Step={series.Step}: the step must divide a day, as 00:01:00 or 01:00:00");
        }

        return new BacktestSettings(detection, series, configuration);
    }

    private static (string Key, string Value) Split(string text, string option, string example)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals <= 0 || equals == text.Length - 1
            ? throw new ArgumentException($"{option} {text}: write KEY=VALUE, as {option} {example}")
            : (text[..equals].Trim(), text[(equals + 1)..].Trim());
    }
}
