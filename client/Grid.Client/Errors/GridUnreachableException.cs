namespace Grid.Client.Errors;

/// <summary>No HTTP answer came from the server: nothing listens there, the name does not resolve, or it timed out.</summary>
public sealed class GridUnreachableException(Uri server, string reason, Exception? innerException = null)
    : Exception($"no Grid server answered at {server}: {reason}", innerException)
{
    public Uri Server { get; } = server;

    public string Reason { get; } = reason;
}
