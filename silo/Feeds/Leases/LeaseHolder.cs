namespace Grid.Silo.Feeds.Leases;

/// <summary>
/// A silo as Orleans' ADO.NET clustering names it in <c>OrleansMembershipTable</c>: the cluster id
/// (the table's DeploymentId) and the silo address (Address, Port, Generation). Build it from
/// <c>ClusterOptions.ClusterId</c> and <c>ILocalSiloDetails.SiloAddress</c>:
/// <c>new LeaseHolder(clusterId, a.Endpoint.Address.ToString(), a.Endpoint.Port, a.Generation)</c>,
/// which is how the provider writes the row, so the lease and the membership agree on who is who.
/// </summary>
public sealed record LeaseHolder(string ClusterId, string Address, int Port, int Generation)
{
    public override string ToString() => $"{Address}:{Port}@{Generation} in {ClusterId}";
}
