using System.CommandLine;
using Grid.Cli.Commands;
using Grid.Client;
using Grid.Client.Errors;

namespace Grid.Cli.Api;

/// <summary>
/// Runs one API command against the server named by --server/GRID_SERVER with --api-key/GRID_API_KEY,
/// and turns what went wrong into one line on standard error that says what to do, and exit 1.
/// The key is sent, never printed.
/// </summary>
internal static class ServerSession
{
    public static async Task<int> RunAsync(ParseResult parseResult, GlobalOptions global, CancellationToken cancellationToken, Func<GridClient, CancellationToken, Task<int>> action)
    {
        var server = parseResult.GetValue(global.Server)!;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        var client = new GridClient(http, new GridClientOptions { Server = server, ApiKey = global.ApiKeyFrom(parseResult) });
        try
        {
            return await action(client, cancellationToken);
        }
        catch (GridUnreachableException ex)
        {
            return Fail($"no Grid server at {Display(server)} ({ex.Reason}): start one with `dotnet run --project silo` or pass --server (or set {GlobalOptions.ServerVariable}).");
        }
        catch (GridApiException ex)
        {
            return Fail(Explain(ex));
        }
    }

    /// <summary>For a command that cannot work without a key: says so before any request is made.</summary>
    public static bool RequireKey(ParseResult parseResult, GlobalOptions global, string scope)
    {
        if (global.ApiKeyFrom(parseResult) is { Length: > 0 })
        {
            return true;
        }

        Fail($"this command needs an API key with the '{scope}' scope: pass --api-key or set {GlobalOptions.ApiKeyVariable}.");
        return false;
    }

    public static int Fail(string message)
    {
        Console.Error.WriteLine($"grid: {message}");
        return ApiExitCodes.Failed;
    }

    private static string Explain(GridApiException ex)
    {
        var what = ex.Detail is { Length: > 0 } detail ? $"{ex.Title}: {detail}" : ex.Title;
        var hint = (int)ex.Status switch
        {
            401 => $" Pass a valid key with --api-key or {GlobalOptions.ApiKeyVariable}.",
            429 => ex.RetryAfter is { } wait ? $" The server asks to wait {wait.TotalSeconds:0} s." : "",
            >= 500 => " The server failed; its log says why.",
            _ => "",
        };
        return $"{(int)ex.Status} {what}{hint}";
    }

    // Scheme, host and path only: user information in the URL is a credential too.
    private static string Display(Uri server) => $"{server.Scheme}://{server.Authority}{server.AbsolutePath}".TrimEnd('/');
}
