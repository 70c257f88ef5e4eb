using System.Globalization;
using System.Text.Json;

namespace Grid.Silo.Api.V1.Probes;

/// <summary>
/// Grid's own result format, one object per probed address:
/// <c>{"address":"198.18.0.1","timestamp":"2026-12-01T08:00:00Z","sent":3,"rttMs":[12.1,12.4],"country":"XA","asn":"AS64500"}</c>.
/// <c>timestamp</c> is ISO 8601 or Unix seconds; <c>received</c> defaults to the number of RTTs;
/// <c>country</c> and <c>asn</c> are optional (without a country, geography places the address).
/// </summary>
internal static class GridProbeResult
{
    public static bool TryRead(JsonElement item, out RawProbeResult result, out string? problem)
    {
        result = default;
        if (item.ValueKind != JsonValueKind.Object)
        {
            problem = "not a JSON object";
            return false;
        }

        if (!item.TryGetProperty("address", out var address) || address.ValueKind != JsonValueKind.String)
        {
            problem = "no \"address\" string";
            return false;
        }

        if (!TryTime(item, out var at))
        {
            problem = "no \"timestamp\" (ISO 8601, or Unix seconds)";
            return false;
        }

        if (!item.TryGetProperty("sent", out var sent) || sent.ValueKind != JsonValueKind.Number || !sent.TryGetDouble(out var sentCount))
        {
            problem = "no \"sent\" count";
            return false;
        }

        var rtts = new List<double>();
        if (item.TryGetProperty("rttMs", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > 1000 || list.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.Number || !r.TryGetDouble(out _)))
            {
                problem = "\"rttMs\" must be an array of numbers (milliseconds)";
                return false;
            }

            rtts.AddRange(list.EnumerateArray().Select(r => r.GetDouble()));
        }

        var received = item.TryGetProperty("received", out var count) ? (count.ValueKind == JsonValueKind.Number && count.TryGetDouble(out var stated) ? stated : double.NaN) : rtts.Count;
        result = new RawProbeResult(address.GetString()!, at, sentCount, received, rtts, Optional(item, "country"), Optional(item, "asn"));
        problem = null;
        return true;
    }

    private static bool TryTime(JsonElement item, out DateTimeOffset at)
    {
        at = default;
        if (!item.TryGetProperty("timestamp", out var value))
        {
            return false;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) && seconds is > 0 and < 253402300799)
        {
            at = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        return value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);
    }

    private static string? Optional(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
