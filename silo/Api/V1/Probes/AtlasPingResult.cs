using System.Globalization;
using System.Text.Json;

namespace Grid.Silo.Api.V1.Probes;

/// <summary>
/// A RIPE Atlas ping result, across firmware versions: firmware 0 writes numbers as strings and no
/// per-packet results; firmware 1 names the target <c>addr</c>; firmware 4xxx adds <c>dst_addr</c>,
/// <c>af</c> and a <c>result</c> array where an answer is <c>{"rtt":…}</c>, a timeout
/// <c>{"x":"*"}</c>, an error <c>{"error":…}</c>, and a duplicate answer carries <c>"dup":1</c>
/// (not a new reply: <c>rcvd</c> counts only the first).
/// </summary>
internal static class AtlasPingResult
{
    /// <summary>Whether <paramref name="item"/> looks like Atlas's (a measurement or probe id, or its type field).</summary>
    public static bool Is(JsonElement item) =>
        item.TryGetProperty("msm_id", out _) || item.TryGetProperty("prb_id", out _) || item.TryGetProperty("type", out _);

    public static bool TryRead(JsonElement item, out RawProbeResult result, out string? problem)
    {
        result = default;
        if (item.TryGetProperty("type", out var type) && (type.ValueKind != JsonValueKind.String || type.GetString() != "ping"))
        {
            problem = $"an Atlas '{Shorten(type.GetRawText())}' result: only ping results (\"type\":\"ping\") are taken";
            return false;
        }

        if (Number(item, "af") is { } af && af != 4)
        {
            problem = $"address family {af}: only IPv4 targets are counted";
            return false;
        }

        var address = Text(item, "dst_addr") ?? Text(item, "addr");
        if (address is null)
        {
            problem = "no target address (dst_addr, or addr in firmware 1)";
            return false;
        }

        if (Number(item, "timestamp") is not { } timestamp)
        {
            problem = "no timestamp";
            return false;
        }

        // Unix seconds from 1970 to 9999, what DateTimeOffset can hold; whether it is timely is checked later.
        if (timestamp is < 0 or > MaxUnixSeconds)
        {
            problem = $"timestamp {timestamp} is not Unix seconds between 1970 and 9999";
            return false;
        }

        if (Number(item, "sent") is not { } sent || Number(item, "rcvd") is not { } received)
        {
            problem = "no sent or rcvd count";
            return false;
        }

        if (!IsCount(sent) || !IsCount(received))
        {
            problem = $"sent = {sent}, rcvd = {received}: each must be a whole number from 0 to 1000";
            return false;
        }

        var rtts = new List<double>();
        if (item.TryGetProperty("result", out var packets) && packets.ValueKind == JsonValueKind.Array)
        {
            foreach (var packet in packets.EnumerateArray())
            {
                if (packet.TryGetProperty("rtt", out _) && Number(packet, "dup") is not > 0 && Number(packet, "rtt") is { } rtt)
                {
                    rtts.Add(rtt);
                }
            }
        }
        else if (received > 0 && Number(item, "avg") is { } average and >= 0)
        {
            // Firmware 0 and 1 give only the average: it stands for each answer.
            rtts.AddRange(Enumerable.Repeat(average, (int)Math.Min(received, 1000)));
        }

        // rcvd is authoritative; the result array may hold fewer RTTs (errors) but never more answers.
        if (rtts.Count > received)
        {
            rtts.RemoveRange((int)received, rtts.Count - (int)received);
        }

        result = new RawProbeResult(address, DateTimeOffset.FromUnixTimeSeconds((long)timestamp), sent, received, rtts, null, null);
        problem = null;
        return true;
    }

    private const double MaxUnixSeconds = 253_402_300_799;

    private static bool IsCount(double value) => value is >= 0 and <= 1000 && value == Math.Floor(value);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A finite number, written as a JSON number or (firmware 0) as a string; "NaN", "Infinity" and 1e400 are none.</summary>
    private static double? Number(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var value))
        {
            return null;
        }

        double? number = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDouble(out var parsed) => parsed,
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        return number is { } finite && double.IsFinite(finite) ? finite : null;
    }
}
