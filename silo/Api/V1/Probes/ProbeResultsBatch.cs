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
internal sealed class ProbeResultsBatch(DateTimeOffset now, TimeSpan maxSkew, int maxItems, TimeSpan maxLateness, IGeography? geography = null)
{
    /// <summary>What the safety net answers for an item whose reading threw: a fault of the intake, never of the sender alone.</summary>
    public const string Unreadable = "the item could not be read";

    private readonly List<CountryBlock> _pieces = [];

    public JsonItemStream Stream { get; } = new("results", maxItems, JsonItemStream.DefaultMaxItemBytes);

    public List<ProbeResult> Accepted { get; } = [];

    public Refusals Refused { get; } = new();

    /// <summary>The items the body held past <c>maxItems</c> were not read: one refusal says so.</summary>
    public void Finish()
    {
        if (Stream.Truncated)
        {
            Refused.Add(maxItems, $"the batch is over {maxItems} items: item {maxItems} and the ones after it were not read; send them in another request");
        }
    }

    /// <summary>Checks one item; a bad one is refused alone, whatever is wrong with it.</summary>
    public void Take(int index, JsonElement json)
    {
        string? problem;
        try
        {
            if (Check(json, now, maxSkew, maxLateness, out var result, out problem) && Placed(result, out problem))
            {
                Accepted.Add(result with { Index = index });
                return;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            problem = $"{Unreadable} ({e.Message}): check its fields against the documented formats";
        }

        Refused.Add(index, problem!);
    }

    public void Refuse(int index, string reason) => Refused.Add(index, reason);

    /// <summary>Reads a whole body held in memory (tests, tools): the same reading as a request's.</summary>
    public static (List<ProbeResult> Accepted, List<RefusedItem> Refused) Read(
        ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan maxSkew, int maxItems) =>
        Read(body, now, maxSkew, maxItems, TimeSpan.MaxValue);

    /// <summary>As above; a result measured more than <paramref name="maxLateness"/> ago is refused (Grid:Signals:MaxLateness).</summary>
    public static (List<ProbeResult> Accepted, List<RefusedItem> Refused) Read(
        ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan maxSkew, int maxItems, TimeSpan maxLateness, IGeography? geography = null)
    {
        var batch = new ProbeResultsBatch(now, maxSkew, maxItems, maxLateness, geography);
        var pipe = System.IO.Pipelines.PipeReader.Create(new MemoryStream(body.ToArray()));
        batch.Stream.ReadAsync(pipe, batch.Take, batch.Refuse, long.MaxValue, CancellationToken.None).GetAwaiter().GetResult();
        batch.Finish();
        return (batch.Accepted, [.. batch.Refused.First]);
    }

    /// <summary>
    /// Geography, not the sender, decides a block's country and AS: a country that disagrees with
    /// this silo's geography (the RIRs' delegations) is refused, and so is an AS registered in
    /// another country than the block's. Space no delegation places (documentation, unallocated)
    /// takes only ISO 3166's user-assigned codes (XA–XZ, QM–QZ, AA), which no real country has, so
    /// nobody's /24s can be made to count for BY.
    /// </summary>
    private bool Placed(ProbeResult result, out string? problem)
    {
        problem = null;
        if (geography is null)
        {
            return true;
        }

        _pieces.Clear();
        geography.Split(Grid.Bgp.Model.Prefix.IPv4(result.Address, 32), _pieces);
        var placed = _pieces.Count == 0 ? CountryCode.Unknown : _pieces[0].Country;
        var address = $"{result.Address >> 24}.{(result.Address >> 16) & 0xFF}.{(result.Address >> 8) & 0xFF}.{result.Address & 0xFF}";
        if (result.Country is { } said && said != placed)
        {
            problem = placed.IsUnknown
                ? (IsUserAssigned(said) ? null : $"{address} is in no country by this silo's geography, so it cannot count for {said}: leave \"country\" out, or use a user-assigned code (XA–XZ) for a lab")
                : $"{address} is in {placed} by this silo's geography (the RIRs' delegations), not {said}: a block's country comes from geography; leave \"country\" out or send {placed}";
            if (problem is not null)
            {
                return false;
            }
        }

        if (result.Asn != 0 && geography.CountryOfAsn(result.Asn) is var registered && !registered.IsUnknown && registered != placed
            && !(placed.IsUnknown && result.Country is { } lab && IsUserAssigned(lab)))
        {
            problem = $"AS{result.Asn} is registered in {registered}, but {address} is in {(placed.IsUnknown ? "no country" : placed.ToString())} by this silo's geography: leave \"asn\" out, or send the block's own AS";
            return false;
        }

        return true;
    }

    /// <summary>ISO 3166-1 §3.2.2.3: AA, QM–QZ, XA–XZ and ZZ are for users and name no country.</summary>
    private static bool IsUserAssigned(CountryCode code)
    {
        var text = code.ToString();
        return text is "AA" or "ZZ" || (text[0] == 'X') || (text[0] == 'Q' && text[1] >= 'M');
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
            ?? (!(raw.Received >= 0 && raw.Received <= raw.Sent) || raw.Received != Math.Floor(raw.Received) ? $"received = {raw.Received} of {raw.Sent} sent" : null)
            ?? (raw.RttsMs.Count > 1000 || raw.RttsMs.Any(r => !(r >= 0 && r <= 60_000)) ? "an RTT is negative, not a number or over 60 s (or there are more than 1000)" : null);
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
