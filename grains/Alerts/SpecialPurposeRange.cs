using System.Net;

namespace Grid.Grains.Alerts;

/// <summary>A block of addresses a webhook may not reach, with what it is for and the RFC that says so.</summary>
public sealed record SpecialPurposeRange(IPNetwork Network, string Purpose, string Rfc)
{
    public SpecialPurposeRange(string network, string purpose, string rfc)
        : this(IPNetwork.Parse(network), purpose, rfc)
    {
    }

    public bool Contains(IPAddress address) => Network.Contains(address);

    public override string ToString() => $"{Network}, {Purpose} ({Rfc})";
}
