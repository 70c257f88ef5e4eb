namespace Grid.Cli.Api;

/// <summary>Exit codes of the commands that talk to a Grid server, documented in their help.</summary>
internal static class ApiExitCodes
{
    public const int Success = 0;

    /// <summary>The server is unreachable or answered with an error; standard error says what to do.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong (unknown option, malformed value); usage is printed.</summary>
    public const int Usage = 2;

    public const string Help = "Exit status: 0 success; 1 the server is unreachable or refused the request; 2 usage error.";
}
