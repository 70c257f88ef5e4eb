namespace Grid.Runtime.Cluster.Transport;

/// <summary>
/// A grain method threw on another silo. Exceptions do not travel as objects: the caller gets
/// the type name and message, re-created as the same type for the common framework exceptions
/// (so callers that catch ArgumentException keep working) and as this type otherwise.
/// </summary>
public sealed class RemoteGrainException(string exceptionType, string message, string siloId)
    : Exception($"{exceptionType} on silo {siloId}: {message}")
{
    public string ExceptionType { get; } = exceptionType;

    public string SiloId { get; } = siloId;

    internal static Exception Recreate(string? exceptionType, string? message, string siloId)
    {
        message ??= "(no message)";
        return exceptionType switch
        {
            "System.ArgumentException" or "System.ArgumentNullException" or "System.ArgumentOutOfRangeException" => new ArgumentException(message),
            "System.InvalidOperationException" => new InvalidOperationException(message),
            "System.TimeoutException" => new TimeoutException(message),
            "System.FormatException" => new FormatException(message),
            "System.NotSupportedException" => new NotSupportedException(message),
            "System.Collections.Generic.KeyNotFoundException" => new KeyNotFoundException(message),
            "System.OperationCanceledException" or "System.Threading.Tasks.TaskCanceledException" => new OperationCanceledException(message),
            _ => new RemoteGrainException(exceptionType ?? "Exception", message, siloId),
        };
    }
}
