using System.CommandLine;
using System.CommandLine.Parsing;

namespace Grid.Cli.Commands;

/// <summary>
/// Options every subcommand accepts (recursive), naming the Grid server to talk to. Each can
/// come from the environment instead, so scripts set them once.
/// </summary>
internal sealed class GlobalOptions
{
    public const string ServerVariable = "GRID_SERVER";
    public const string ApiKeyVariable = "GRID_API_KEY";
    public const string DefaultServer = "http://127.0.0.1:5080";

    public Option<Uri> Server { get; } = new("--server")
    {
        Description = $"Base URL of the Grid server (or env {ServerVariable})",
        Recursive = true,
        CustomParser = result => ParseServer(result, result.Tokens[0].Value, "--server"),
        DefaultValueFactory = result => Environment.GetEnvironmentVariable(ServerVariable) is { } fromEnvironment
            ? ParseServer(result, fromEnvironment, ServerVariable)
            : new Uri(DefaultServer),
    };

    // No default value factory: help prints defaults, and a key must not end up on screen.
    public Option<string> ApiKey { get; } = new("--api-key")
    {
        Description = $"API key for endpoints that need one (or env {ApiKeyVariable})",
        Recursive = true,
    };

    /// <summary>The API key from the command line, else from the environment, else none.</summary>
    public string? ApiKeyFrom(ParseResult parseResult) =>
        parseResult.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable(ApiKeyVariable);

    // A relative or non-HTTP value would only fail later, deep inside a request.
    private static Uri ParseServer(ArgumentResult result, string text, string source)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }
        result.AddError($"{source} must be an http:// or https:// URL such as {DefaultServer}, not '{text}'.");
        return new Uri(DefaultServer);
    }
}
