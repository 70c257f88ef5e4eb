using Grid.Grains.Probing;
using Grid.Silo.Api.Auth;
using Grid.Silo.Feeds.Probing;

namespace Grid.Silo.Api.V1.Probes;

/// <summary>An outside sender as the probe shards know it: its API key's id and name, never the key or its hash.</summary>
internal static class ProbeSource
{
    public static string Of(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Name is { Length: > 0 } name ? $"key {key.Id} ({name})" : $"key {key.Id}";
    }

    public static string Explain(ProbeRefusal refusal, string source, ProbingOptions settings) => refusal switch
    {
        ProbeRefusal.KeyQuota => $"{source} has added its quota of {settings.MaxNewBlocksPerKey:N0} new /24 blocks (Grid:Probing:MaxNewBlocksPerKey): results for blocks already known are still taken; ask an admin to raise the quota",
        ProbeRefusal.TableFull => $"the probe block table is full: outside senders have added {settings.MaxExternalBlocks:N0} blocks (Grid:Probing:MaxExternalBlocks); results for blocks already known are still taken",
        _ => refusal.ToString(),
    };
}
