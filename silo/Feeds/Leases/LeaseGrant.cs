namespace Grid.Silo.Feeds.Leases;

/// <summary>
/// A held lease: its name and fencing token. The token is strictly larger for every new holder,
/// so whatever the work writes can carry it and a stale holder's late writes can be refused.
/// </summary>
public readonly record struct LeaseGrant(string Name, long FencingToken);
