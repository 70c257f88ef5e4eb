using System.Globalization;
using System.Net;
using System.Text.Json;
using Grid.Bgp.Model;

namespace Grid.Bgp.RisLive;

/// <summary>What one RIS Live websocket message was.</summary>
public enum RisLiveMessageKind
{
    /// <summary>A <c>ris_message</c> of type UPDATE: its announcements and withdrawals became elements.</summary>
    Update,

    /// <summary>Another message (OPEN, KEEPALIVE, RIS_PEER_STATE, pong, ris_subscribe_ok): nothing for visibility.</summary>
    Other,

    /// <summary>A <c>ris_error</c> from the server, or a message that could not be read.</summary>
    Error,
}

/// <summary>The outcome of reading one message: its kind, the collector ("host"), and for errors, why.</summary>
public readonly record struct RisLiveMessage(RisLiveMessageKind Kind, string? Collector, string? Error)
{
    /// <summary>
    /// Reads one RIS Live JSON message (https://ris-live.ripe.net/manual/) and appends its route
    /// elements. RIS Live quirks handled: <c>peer_asn</c> is a string; <c>path</c> may contain AS sets
    /// as nested arrays (RFC 4271 §5.1.2), and a path that ends in a set has no single origin (0);
    /// one announcement may list several next hops for the same prefixes (each becomes one element,
    /// which is harmless: a repeated announce from one peer changes nothing).
    /// </summary>
    public static RisLiveMessage Read(ReadOnlySpan<byte> json, List<RouteElement> elements)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (type == "ris_error")
            {
                return new RisLiveMessage(RisLiveMessageKind.Error, null, root.TryGetProperty("data", out var d) ? d.ToString() : "ris_error");
            }

            if (type != "ris_message" || !root.TryGetProperty("data", out var data))
            {
                return new RisLiveMessage(RisLiveMessageKind.Other, null, null);
            }

            var collector = data.TryGetProperty("host", out var host) ? host.GetString() : null;
            if (!data.TryGetProperty("type", out var dataType) || dataType.GetString() != "UPDATE")
            {
                return new RisLiveMessage(RisLiveMessageKind.Other, collector, null);
            }

            ReadUpdate(data, elements);
            return new RisLiveMessage(RisLiveMessageKind.Update, collector, null);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            return new RisLiveMessage(RisLiveMessageKind.Error, null, $"unreadable RIS Live message: {ex.Message}");
        }
    }

    private static void ReadUpdate(JsonElement data, List<RouteElement> elements)
    {
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds((long)(data.GetProperty("timestamp").GetDouble() * 1000));
        var peer = IPAddress.Parse(data.GetProperty("peer").GetString()!);
        var peerAsnElement = data.GetProperty("peer_asn");
        var peerAsn = peerAsnElement.ValueKind == JsonValueKind.String
            ? uint.Parse(peerAsnElement.GetString()!, CultureInfo.InvariantCulture)
            : peerAsnElement.GetUInt32();
        var origin = data.TryGetProperty("path", out var path) ? OriginOf(path) : 0;

        if (data.TryGetProperty("announcements", out var announcements))
        {
            foreach (var announcement in announcements.EnumerateArray())
            {
                foreach (var prefix in announcement.GetProperty("prefixes").EnumerateArray())
                {
                    elements.Add(new RouteElement(timestamp, peer, peerAsn, Prefix.Parse(prefix.GetString()!), RouteAction.Announce, origin));
                }
            }
        }

        if (data.TryGetProperty("withdrawals", out var withdrawals))
        {
            foreach (var prefix in withdrawals.EnumerateArray())
            {
                elements.Add(new RouteElement(timestamp, peer, peerAsn, Prefix.Parse(prefix.GetString()!), RouteAction.Withdraw, 0));
            }
        }
    }

    private static uint OriginOf(JsonElement path)
    {
        if (path.ValueKind != JsonValueKind.Array || path.GetArrayLength() == 0)
        {
            return 0;
        }

        var last = path[path.GetArrayLength() - 1];
        return last.ValueKind == JsonValueKind.Number ? last.GetUInt32() : 0;
    }
}
