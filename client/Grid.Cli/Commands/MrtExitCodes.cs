namespace Grid.Cli.Commands;

/// <summary>Exit codes of the `grid mrt` commands, documented in their help.</summary>
internal static class MrtExitCodes
{
    public const int Success = 0;

    /// <summary>A file is missing, unreadable or not MRT; the output is incomplete.</summary>
    public const int Failed = 1;

    /// <summary>Every file was read to its end, but records were skipped as malformed or a file was cut off.</summary>
    public const int RecordsLost = 2;

    public const string Help = "Exit status: 0 success; 1 a file is missing, unreadable or not MRT; 2 records were malformed or a file is cut off (everything readable was still printed).";
}
