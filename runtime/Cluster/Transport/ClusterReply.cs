namespace Grid.Runtime.Cluster.Transport;

/// <summary>What came back from another silo, sorted by whether the call may be sent again.</summary>
internal readonly record struct ClusterReply(ClusterReplyKind Kind, byte[]? Result = null, string? Owner = null, string? ExceptionType = null, string? Message = null)
{
    public static ClusterReply Unreachable(string why) => new(ClusterReplyKind.Unreachable, Message: why);

    public static ClusterReply Lost(string why) => new(ClusterReplyKind.Lost, Message: why);
}

internal enum ClusterReplyKind
{
    /// <summary>The call ran; <see cref="ClusterReply.Result"/> holds its encoded result.</summary>
    Ok,

    /// <summary>The call ran and threw.</summary>
    Failed,

    /// <summary>Not run: the grain is owned by <see cref="ClusterReply.Owner"/>.</summary>
    NotOwner,

    /// <summary>Not run: the silo is leaving or stopping.</summary>
    ShuttingDown,

    /// <summary>Not run: no connection could be made (refused, unresolvable, timed out connecting).</summary>
    Unreachable,

    /// <summary>The connection failed once the call was on its way: it may or may not have run.</summary>
    Lost,
}
