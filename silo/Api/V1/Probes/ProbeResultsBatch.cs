using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Grid.Grains.Entities;
using Grid.Geography;
using Grid.Silo.Feeds.Probing;

namespace Grid.Silo.Api.V1.Probes;

/// <summary>
/// Reads a body of <c>POST /v1/probes/results</c> and checks each item on its own: a bad item is
/// refused with its reason, the good ones are kept. Bodies are Grid's batch
/// (<c>{"results":[…]}</c>), a JSON array (Grid items or RIPE Atlas results, as Atlas's API
/// downloads them), or JSON lines (one Atlas or Grid result per line, as Atlas streams them).
/// </summary>
internal static class ProbeResultsBatch
{
    public static (List<ProbeResult> Accepted, List<RefusedItem> Refused) Read(
        ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan maxSkew, int maxItems) =>
        Read(body, now, maxSkew, maxItems, TimeSpan.MaxValue);

    /// <summary>As above; a result measured more than <paramref name="maxLateness"/> ago is refused (Grid:Signals:MaxLateness).</summary>
    public static (List<ProbeResult> Accepted, List<RefusedItem> Refused) Read(
        ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan maxSkew, int maxItems, TimeSpan maxLateness)
    {
        var accepted = new List<ProbeResult>();
        var refused = new List<RefusedItem>();
        var index = 0;
        foreach (var item in Items(body))
        {
            var position = index++;
            if (position >= maxItems)
            {
                refused.Add(new RefusedItem(position, $"the batch is over {maxItems} items: send item {position} and later ones in another request"));
                continue;
            }

            if (item.Problem is not null)
            {
                refused.Add(new RefusedItem(position, item.Problem));
                continue;
            }

            if (Check(item.Json, now, maxSkew, maxLateness, out var result, out var problem))
            {
                accepted.Add(result);
            }
            else
            {
                refused.Add(new RefusedItem(position, problem!));
            }
        }

        return (accepted, refused);
    }

    private static IEnumerable<(JsonElement Json, string? Problem)> Items(ReadOnlySpan<byte> body)
    {
        var list = new List<(JsonElement, string?)>();
        var trimmed = body.Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty)
        {
            return list;
        }

        try
        {
            using var document = JsonDocument.Parse(trimmed.ToArray());
            var root = document.RootElement;
            var items = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array
                ? results
                : root.ValueKind == JsonValueKind.Array ? root : (JsonElement?)null;
            if (items is { } array)
            {
                list.AddRange(array.EnumerateArray().Select(i => (i.Clone(), (string?)null)));
                return list;
            }

            // One object alone is a one-line JSON-lines body.
            list.Add((root.Clone(), null));
            return list;
        }
        catch (JsonException)
        {
            // Not one JSON document: JSON lines, each parsed on its own so one bad line costs only itself.
        }

        foreach (var line in Encoding.UTF8.GetString(trimmed).Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                list.Add((document.RootElement.Clone(), null));
            }
            catch (JsonException ex)
            {
                list.Add((default, $"not JSON: {ex.Message}"));
            }
        }

        return list;
    }

    private static bool Check(JsonElement json, DateTimeOffset now, TimeSpan maxSkew, TimeSpan maxLateness, out ProbeResult result, out string? problem)
    {
        result = null!;
        var read = json.ValueKind == JsonValueKind.Object && AtlasPingResult.Is(json)
            ? AtlasPingResult.TryRead(json, out var raw, out problem)
            : GridProbeResult.TryRead(json, out raw, out problem);
        if (!read)
        {
            return false;
        }

        problem = AddressProblem(raw.Address, out var address)
            ?? (raw.At > now + maxSkew ? $"timestamp {raw.At:O} is in the future (this server's clock says {now:O})" : null)
            ?? (maxLateness != TimeSpan.MaxValue && raw.At < now - maxLateness ? $"timestamp {raw.At:O} is more than Grid:Signals:MaxLateness ({maxLateness:c}) before this server's clock ({now:O}): a result counts in the bin it was measured in, and that bin is closed for good" : null)
            ?? (raw.Sent is < 1 or > 1000 || raw.Sent != Math.Floor(raw.Sent) ? $"sent = {raw.Sent}: send a whole number from 1 to 1000" : null)
            ?? (raw.Received < 0 || raw.Received > raw.Sent ? $"received = {raw.Received} of {raw.Sent} sent" : null)
            ?? (raw.RttsMs.Any(r => r < 0 || double.IsNaN(r) || r > 60_000) ? "an RTT is negative or over 60 s" : null);
        CountryCode? country = null;
        if (problem is null && raw.Country is { } cc)
        {
            problem = CountryCode.TryParse(cc, out var code) ? null : $"country '{cc}' is not a two-letter code";
            country = code;
        }

        EntityKey asKey = default;
        if (problem is null && raw.Asn is { } text && !EntityKey.TryParseAs(text, out asKey))
        {
            problem = $"asn '{text}' is not an AS number";
        }

        if (problem is not null)
        {
            return false;
        }

        // Answers without an RTT (rcvd above the RTTs listed) still count as answers.
        var rtts = raw.RttsMs.Count >= raw.Received ? raw.RttsMs : [.. raw.RttsMs, .. Enumerable.Repeat(double.NaN, (int)raw.Received - raw.RttsMs.Count)];
        result = new ProbeResult(address, raw.At, (int)raw.Sent, rtts, country, asKey.Asn);
        return true;
    }

    private static string? AddressProblem(string text, out uint address)
    {
        address = 0;
        // IPAddress.TryParse also takes "10" and "1.2.3"; a dotted quad is what every sender writes.
        if (!IPAddress.TryParse(text, out var ip) || (ip.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') != 3))
        {
            return $"'{text}' is not an IP address";
        }

        if (ip.AddressFamily != AddressFamily.InterNetwork)
        {
            return $"{text} is IPv6: only IPv4 /24 blocks are counted";
        }

        address = Hitlist.ToHostOrder(ip);
        var first = address >> 24;
        return first is 0 or 127 or >= 224 ? $"{text} is not a unicast address on the internet (0/8, 127/8, multicast or reserved)" : null;
    }
}
