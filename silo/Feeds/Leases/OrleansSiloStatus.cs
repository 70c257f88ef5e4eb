namespace Grid.Silo.Feeds.Leases;

/// <summary>
/// The Status column of <c>OrleansMembershipTable</c>: Orleans' <c>SiloStatus</c> as the ADO.NET
/// clustering provider stores it (an integer). Grid reads it without referencing Orleans.
/// </summary>
internal enum OrleansSiloStatus
{
    None = 0,
    Created = 1,
    Joining = 2,
    Active = 3,
    ShuttingDown = 4,
    Stopping = 5,
    Dead = 6,
}
