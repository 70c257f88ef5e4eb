namespace Grid.Testing.Processes;

/// <summary>How an external command ended and what it printed.</summary>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Both streams, for error messages that should show everything the command said.</summary>
    public string Output => StandardOutput + StandardError;
}
