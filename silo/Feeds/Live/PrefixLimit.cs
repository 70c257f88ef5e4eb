using System.Net;

namespace Grid.Silo.Feeds.Live;

/// <summary>
/// The most prefixes of one family a live peer may hold, and who hears when one goes past it
/// (RFC 4486 §4, Cease subcode 1, Maximum Number of Prefixes Reached, is what a BGP session sends).
/// </summary>
internal sealed record PrefixLimit(long MaxPerFamily, Action<PrefixLimitReached> Reached)
{
    public static readonly PrefixLimit None = new(long.MaxValue, _ => { });
}

/// <summary>A peer went past its <see cref="PrefixLimit"/>: its routes were withdrawn, and its further routes are dropped until its session ends.</summary>
internal sealed record PrefixLimitReached(string Source, IPAddress Address, uint Asn, bool IPv6, long Prefixes, long Limit);
