using System.Text.Json;

namespace Grid.Runtime.Cluster.Transport;

/// <summary>The JSON settings of the cluster protocol's own messages (problems, activation requests).</summary>
internal static class ClusterWireJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
