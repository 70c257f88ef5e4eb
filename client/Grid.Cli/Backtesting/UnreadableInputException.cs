namespace Grid.Cli.Backtesting;

/// <summary>An input file that exists but cannot be read: reported in one line, never as a stack trace.</summary>
internal sealed class UnreadableInputException(string message) : Exception(message);
