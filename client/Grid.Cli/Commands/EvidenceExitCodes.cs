namespace Grid.Cli.Commands;

/// <summary>Exit codes of `grid evidence verify`, documented in its help.</summary>
internal static class EvidenceExitCodes
{
    public const int Verified = 0;

    /// <summary>Something was read and does not hold: a changed part, a bad signature, a broken chain.</summary>
    public const int NotVerified = 1;

    /// <summary>A file could not be read at all: nothing was verified.</summary>
    public const int Unreadable = 2;

    public const string Help = "Exit status: 0 everything verified; 1 something does not hold (each failure is printed with the file or log line it concerns); 2 a file could not be read.";
}
