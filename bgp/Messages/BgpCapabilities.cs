using System.Buffers.Binary;
using Grid.Bgp.Model;

namespace Grid.Bgp.Messages;

/// <summary>What an OPEN's capabilities (RFC 5492) say, read once: the families, AS width, ADD-PATH and message size.</summary>
public sealed class BgpCapabilities
{
    private readonly Dictionary<BgpFamily, AddPathDirection> _addPath = [];

    public BgpCapabilities(IEnumerable<BgpCapability> capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        var families = new List<BgpFamily>();
        var unknown = new List<BgpCapability>();
        foreach (var capability in capabilities)
        {
            var value = capability.Value;
            switch ((BgpCapabilityCode)capability.Code)
            {
                case BgpCapabilityCode.Multiprotocol when value.Length == 4:
                    var family = new BgpFamily((Afi)BinaryPrimitives.ReadUInt16BigEndian(value), (Safi)value[3]);
                    if (!families.Contains(family))
                    {
                        families.Add(family);
                    }
                    break;
                case BgpCapabilityCode.RouteRefresh:
                    RouteRefresh = true;
                    break;
                case BgpCapabilityCode.EnhancedRouteRefresh:
                    EnhancedRouteRefresh = true;
                    break;
                case BgpCapabilityCode.ExtendedMessage:
                    ExtendedMessage = true;
                    break;
                case BgpCapabilityCode.GracefulRestart:
                    GracefulRestart = true;
                    break;
                case BgpCapabilityCode.FourOctetAs when value.Length == 4:
                    FourOctetAs = BinaryPrimitives.ReadUInt32BigEndian(value);
                    break;
                // RFC 7911 §4: a Send/Receive value other than 1-3 makes the whole capability one to ignore.
                case BgpCapabilityCode.AddPath when !HasInvalidDirection(value):
                    for (var i = 0; i + 4 <= value.Length; i += 4)
                    {
                        _addPath[new BgpFamily((Afi)BinaryPrimitives.ReadUInt16BigEndian(value.AsSpan(i)), (Safi)value[i + 2])] =
                            (AddPathDirection)value[i + 3];
                    }
                    break;
                default:
                    unknown.Add(capability);
                    break;
            }
        }
        MultiprotocolFamilies = families;
        Unknown = unknown;
    }

    /// <summary>The speaker's AS from the 4-octet AS capability (RFC 6793 §3); null without it.</summary>
    public uint? FourOctetAs { get; }

    /// <summary>The families of the Multiprotocol capabilities as advertised; empty when there are none.</summary>
    public IReadOnlyList<BgpFamily> MultiprotocolFamilies { get; }

    /// <summary>
    /// The families the speaker supports: the Multiprotocol ones, or IPv4 unicast alone when it sent
    /// none — what a BGP-4 speaker without RFC 4760 carries.
    /// </summary>
    public IReadOnlyList<BgpFamily> Families => MultiprotocolFamilies.Count > 0 ? MultiprotocolFamilies : [BgpFamily.IPv4Unicast];

    public bool RouteRefresh { get; }

    public bool EnhancedRouteRefresh { get; }

    public bool ExtendedMessage { get; }

    /// <summary>Whether Graceful Restart (RFC 4724) was advertised; its contents are not interpreted.</summary>
    public bool GracefulRestart { get; }

    /// <summary>Capabilities this view does not interpret, kept as (code, value).</summary>
    public IReadOnlyList<BgpCapability> Unknown { get; }

    /// <summary>ADD-PATH directions per family (RFC 7911 §4).</summary>
    public IReadOnlyDictionary<BgpFamily, AddPathDirection> AddPathFamilies => _addPath;

    public AddPathDirection AddPath(BgpFamily family) => _addPath.GetValueOrDefault(family);

    private static bool HasInvalidDirection(byte[] value)
    {
        for (var i = 3; i < value.Length; i += 4)
        {
            if (value[i] is 0 or > (byte)AddPathDirection.Both)
            {
                return true;
            }
        }
        return false;
    }
}
