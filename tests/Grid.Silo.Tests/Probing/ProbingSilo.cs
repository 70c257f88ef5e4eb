using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Testing.Probing;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Probing;

/// <summary>A country's probe signal as the API shows it.</summary>
internal readonly record struct ProbeSignal(long BlocksUp, double? MedianRttMs, double? Loss);

/// <summary>Reading the probing API of a real silo, and waiting on it by rounds rather than by the clock.</summary>
internal static class ProbingSilo
{
    public static Dictionary<string, string?> Settings(string hitlist, TimeSpan interval, TimeSpan timeout) => new()
    {
        ["Grid__Feeds__RisLive__Enabled"] = "false",
        // Probe bins go through the grain-call codec, as they would between silos.
        ["Grid__Signals__Step"] = "00:00:01",
        ["Grid__Probing__Hitlist"] = hitlist,
        ["Grid__Probing__Interval"] = interval.ToString("c", CultureInfo.InvariantCulture),
        ["Grid__Probing__Timeout"] = timeout.ToString("c", CultureInfo.InvariantCulture),
        ["Grid__Probing__RatePerSecond"] = "2000",
    };

    public static async Task<ProbeSignal> SignalAsync(SiloProcess silo, string country)
    {
        using var response = await silo.Http.GetAsync($"/v1/countries/{country}");
        if (!response.IsSuccessStatusCode)
        {
            return default;
        }

        var probes = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("signals").GetProperty("probes");
        return new ProbeSignal(
            probes.GetProperty("value").GetInt64(),
            probes.TryGetProperty("medianRttMs", out var rtt) ? rtt.GetDouble() : null,
            probes.TryGetProperty("loss", out var loss) ? loss.GetDouble() : null);
    }

    public static async Task<JsonElement> StatusAsync(SiloProcess silo) =>
        await silo.Http.GetFromJsonAsync<JsonElement>("/v1/probes/status");

    public static async Task<int> RoundsAsync(SiloProcess silo) => (await StatusAsync(silo)).GetProperty("rounds").GetInt32();

    /// <summary>Waits until <paramref name="rounds"/> more rounds have finished and the bin of the last closed (bins of <paramref name="interval"/>).</summary>
    public static async Task WaitRoundsAsync(SiloProcess silo, int rounds, TimeSpan interval, TimeSpan timeout)
    {
        var target = await RoundsAsync(silo) + rounds;
        var deadline = DateTime.UtcNow + timeout;
        while (await RoundsAsync(silo) < target)
        {
            if (DateTime.UtcNow > deadline || silo.HasExited)
            {
                throw new TimeoutException($"{rounds} rounds did not finish within {timeout}. Silo output:\n{string.Join('\n', silo.Output.TakeLast(40))}");
            }

            await Task.Delay(100);
        }

        // The probe shards close the round's bin at the next multiple of the interval; give their calls a moment after it.
        await BinClock.NextBinAsync(interval, TimeSpan.FromMilliseconds(300));
    }

    /// <summary>
    /// Polls until <paramref name="holds"/> is true of the countries' signals, and returns how many
    /// rounds finished meanwhile; fails after <paramref name="maxRounds"/> rounds with what it saw.
    /// </summary>
    public static async Task<int> RoundsUntilAsync(SiloProcess silo, string[] countries, Func<IReadOnlyDictionary<string, ProbeSignal>, bool> holds, int maxRounds)
    {
        var start = await RoundsAsync(silo);
        var seen = "";
        while (true)
        {
            var rounds = await RoundsAsync(silo) - start;
            var signals = new Dictionary<string, ProbeSignal>();
            foreach (var country in countries)
            {
                signals[country] = await SignalAsync(silo, country);
            }

            seen = string.Join(", ", signals.Select(s => $"{s.Key}: {s.Value}"));
            if (holds(signals))
            {
                return rounds;
            }

            if (rounds > maxRounds || silo.HasExited)
            {
                throw new TimeoutException($"not within {maxRounds} rounds ({rounds} finished); last saw {seen}. Silo output:\n{string.Join('\n', silo.Output.TakeLast(40))}");
            }

            await Task.Delay(100);
        }
    }
}
