namespace Grid.Bgp.Bmp.Model;

/// <summary>
/// Stat Types of the Statistics Report (RFC 7854 §4.8 defines 0-10, the IANA "BMP Statistics
/// Types" registry 11-13, RFC 8671 §5 14-17). 7, 8, 14 and 15 are 64-bit gauges; 9, 10, 16 and 17
/// are 64-bit gauges for one AFI/SAFI; the rest are 32-bit counters.
/// </summary>
public enum BmpStatisticType : ushort
{
    RejectedPrefixes = 0,
    DuplicatePrefixAdvertisements = 1,
    DuplicateWithdraws = 2,
    InvalidatedByClusterListLoop = 3,
    InvalidatedByAsPathLoop = 4,
    InvalidatedByOriginatorId = 5,
    InvalidatedByAsConfedLoop = 6,
    AdjRibInRoutes = 7,
    LocRibRoutes = 8,
    AdjRibInRoutesPerFamily = 9,
    LocRibRoutesPerFamily = 10,
    TreatAsWithdraw = 11,
    TreatAsWithdrawPrefixes = 12,
    DuplicateUpdates = 13,
    AdjRibOutPrePolicyRoutes = 14,
    AdjRibOutPostPolicyRoutes = 15,
    AdjRibOutPrePolicyRoutesPerFamily = 16,
    AdjRibOutPostPolicyRoutesPerFamily = 17,
}
