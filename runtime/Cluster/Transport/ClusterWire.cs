namespace Grid.Runtime.Cluster.Transport;

/// <summary>
/// The silo-to-silo protocol: HTTP/2 over cleartext TCP with prior knowledge (RFC 9113 §3.3),
/// one POST per grain call. The body is <see cref="Messaging.GrainCallCodec"/>'s message; a 200
/// carries the encoded result, any other status a <see cref="ClusterProblem"/>.
/// </summary>
internal static class ClusterWire
{
    public const string CallsPath = "/grid/cluster/v1/calls";

    public const string ActivatePath = "/grid/cluster/v1/activate";

    /// <summary>Carries <see cref="ClusterOptions.Secret"/> when one is set.</summary>
    public const string SecretHeader = "Grid-Cluster-Secret";

    /// <summary>Another silo owns the grain; <see cref="ClusterProblem.Owner"/> says which (null: ask placement again). The call did not run.</summary>
    public const string NotOwner = "not-owner";

    /// <summary>The silo is leaving or stopping and takes no new work. The call did not run.</summary>
    public const string ShuttingDown = "shutting-down";

    /// <summary>The grain method threw; the call ran.</summary>
    public const string GrainException = "exception";

    public const string BadRequest = "bad-request";

    public const string Unauthorized = "unauthorized";
}

/// <summary>The body of a refused or failed call.</summary>
internal sealed record ClusterProblem(string Error, string? Owner = null, string? Type = null, string? Message = null);
