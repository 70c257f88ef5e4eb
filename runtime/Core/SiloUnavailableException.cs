namespace Grid.Runtime;

/// <summary>The silo that should run a call is shutting down or gone; the call can be retried elsewhere.</summary>
public sealed class SiloUnavailableException(string message) : Exception(message);
