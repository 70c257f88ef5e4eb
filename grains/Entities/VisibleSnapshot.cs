using System.Globalization;
using Grid.Bgp.Model;
using Grid.Grains.Signals;

namespace Grid.Grains.Entities;

/// <summary>
/// An entity's visible space as it deactivated (a graceful move: silo shutdown, rebalance), so
/// the next activation takes it over without a rebuild. Written only at deactivation, under the
/// epoch it belongs to, and cleared by the activation that uses it: an activation that finds none
/// of its epoch (a crash) has lost its space and asks for a rebuild instead.
/// Each entry is a prefix, with <c>*n</c> when <c>n</c> shards' pieces reference it (compact: most are 1).
/// </summary>
[GenerateSerializer, Alias("grid.VisibleSnapshot")]
public sealed class VisibleSnapshot
{
    [Id(0)]
    public long Epoch { get; set; }

    [Id(1)]
    public List<string> IPv4 { get; set; } = [];

    [Id(2)]
    public List<string> IPv6 { get; set; } = [];

    public static VisibleSnapshot Of(long epoch, VisibleSpace ipv4, VisibleSpace ipv6) => new()
    {
        Epoch = epoch,
        IPv4 = [.. ipv4.Entries().Select(Format)],
        IPv6 = [.. ipv6.Entries().Select(Format)],
    };

    /// <summary>Adds every entry to <paramref name="space"/>, with its reference count.</summary>
    public static void Restore(IEnumerable<string> entries, VisibleSpace space)
    {
        foreach (var entry in entries)
        {
            var star = entry.IndexOf('*', StringComparison.Ordinal);
            var prefix = Prefix.Parse(star < 0 ? entry : entry[..star]);
            var references = star < 0 ? 1 : int.Parse(entry.AsSpan(star + 1), CultureInfo.InvariantCulture);
            for (var i = 0; i < references; i++)
            {
                space.Add(prefix);
            }
        }
    }

    private static string Format((Prefix Prefix, int References) entry) =>
        entry.References == 1 ? entry.Prefix.ToString() : string.Create(CultureInfo.InvariantCulture, $"{entry.Prefix}*{entry.References}");
}
