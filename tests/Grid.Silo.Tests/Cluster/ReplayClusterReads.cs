using System.Net.Http.Json;
using System.Text.Json;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Cluster;

/// <summary>What a replaying cluster's API says: which silo runs the replay and how far it is, which countries each silo holds, and their BGP counts.</summary>
internal static class ReplayClusterReads
{
    /// <summary>The silo running the replay (its <c>mrt</c> feed is not on standby), and that feed.</summary>
    public static async Task<(SiloProcess? Silo, MrtFeed? Feed)> CollectorAsync(SiloCluster cluster)
    {
        foreach (var silo in cluster.Running)
        {
            if (await MrtFeedAsync(silo) is { State: not "standby" } feed)
            {
                return (silo, feed);
            }
        }

        return (null, null);
    }

    public static async Task<MrtFeed?> MrtFeedAsync(SiloProcess silo)
    {
        var feeds = await silo.Http.GetFromJsonAsync<JsonElement>("/v1/feeds");
        var mrt = feeds.EnumerateArray().FirstOrDefault(f => f.GetProperty("name").GetString() == "mrt");
        return mrt.ValueKind == JsonValueKind.Undefined ? null : new MrtFeed(
            mrt.GetProperty("state").GetString()!,
            mrt.GetProperty("elements").GetInt64(),
            mrt.TryGetProperty("lastMessageAt", out var at) && at.ValueKind == JsonValueKind.String ? at.GetDateTimeOffset() : null);
    }

    public static async Task<HashSet<string>> CountriesHeldAsync(SiloProcess silo)
    {
        var holds = (await SiloCluster.ViewAsync(silo)).GetProperty("holds");
        return holds.GetProperty("country").EnumerateArray().Select(c => c.GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    public static async Task<string> HolderAsync(SiloCluster cluster, string country)
    {
        foreach (var silo in cluster.Running)
        {
            if ((await CountriesHeldAsync(silo)).Contains(country))
            {
                return cluster.IdOf(silo);
            }
        }

        return "no silo";
    }

    public static async Task<long?> BgpValueAsync(SiloProcess silo, string country)
    {
        using var response = await silo.Http.GetAsync($"/v1/countries/{country}");
        return response.IsSuccessStatusCode ? BgpValueOf(await response.Content.ReadFromJsonAsync<JsonElement>()) : null;
    }

    public static async Task<Dictionary<string, long>> AllBgpValuesAsync(SiloProcess silo)
    {
        var countries = await silo.Http.GetFromJsonAsync<JsonElement>("/v1/countries");
        return countries.EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => BgpValueOf(c) ?? 0, StringComparer.Ordinal);
    }

    private static long? BgpValueOf(JsonElement status) =>
        status.GetProperty("signals").TryGetProperty("bgp", out var bgp) && bgp.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;
}

/// <summary>The <c>mrt</c> feed as <c>/v1/feeds</c> shows it: its state, the elements replayed, and the time of the latest.</summary>
internal sealed record MrtFeed(string State, long Elements, DateTimeOffset? LastMessageAt);
