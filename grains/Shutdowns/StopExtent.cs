namespace Grid.Grains.Shutdowns;

/// <summary>
/// How deep a STOP row's shutdown went: the whole network ("Full network", "Full"), a part of it
/// ("Mobile Internet", "Broadband Internet", "Throttling"), or named services only ("Service-based").
/// </summary>
public enum StopExtent
{
    Unknown = 0,
    FullNetwork = 1,
    Partial = 2,
    ServiceBased = 3,
}
