namespace Grid.Testing.Processes;

/// <summary>How a command ended, with its standard output as the exact octets it wrote.</summary>
public sealed record BinaryCommandResult(int ExitCode, byte[] StandardOutput, string StandardError);
