using System.Globalization;
using System.Text.RegularExpressions;

namespace Grid.Bench.Api;

/// <summary>What wrk reported for one run: requests/s, the 99th latency percentile (<c>--latency</c>), and failures.</summary>
public sealed partial record WrkResult(double RequestsPerSecond, TimeSpan P50, TimeSpan P99, long Requests, long Non2xx, long SocketErrors)
{
    public static WrkResult Parse(string output)
    {
        var rate = RequestsPerSecondLine().Match(output);
        var p50 = PercentileLine("50").Match(output);
        var p99 = PercentileLine("99").Match(output);
        var total = RequestsLine().Match(output);
        if (!rate.Success || !p50.Success || !p99.Success || !total.Success)
        {
            throw new FormatException($"wrk's output lacks Requests/sec or the latency distribution (was --latency given?):\n{output}");
        }

        var non2xx = Non2xxLine().Match(output);
        var socket = SocketErrorsLine().Match(output);
        return new WrkResult(
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            Latency(p50),
            Latency(p99),
            long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture),
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            socket.Success ? socket.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0);
    }

    // wrk prints latencies as "812.00us", "1.23ms" or "1.02s".
    private static TimeSpan Latency(Match match)
    {
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => TimeSpan.FromMicroseconds(value),
            "ms" => TimeSpan.FromMilliseconds(value),
            "s" => TimeSpan.FromSeconds(value),
            "m" => TimeSpan.FromMinutes(value),
            var unit => throw new FormatException($"wrk latency unit '{unit}' is unknown"),
        };
    }

    private static Regex PercentileLine(string percentile) => new($@"^\s+{percentile}%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"^Requests/sec:\s+([\d.]+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex RequestsPerSecondLine();

    [GeneratedRegex(@"^\s+(\d+) requests in", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Non2xxLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex SocketErrorsLine();
}
