using System.CommandLine;
using Grid.Cli.Api;

namespace Grid.Cli.Commands;

/// <summary>
/// `grid evidence get ID`: downloads an event's bundle and, beside it, the server's key and the
/// log page that holds the bundle's entry, so `grid evidence verify` can then run offline.
/// </summary>
internal sealed class EvidenceGetCommand : Command
{
    public EvidenceGetCommand(GlobalOptions global)
        : base("get", $"Download an event's evidence bundle (ID as `grid events` lists it), with the server's key (key.pem) and the log (log.jsonl) beside it. {ApiExitCodes.Help}")
    {
        var id = new Argument<string>("ID") { Description = "The event id, e.g. BY-1733390000" };
        var seal = new Option<int?>("--seal") { Description = "Which seal (level change) of the event, from 1; the newest by default" };
        var output = new Option<string?>("--output", "-o") { Description = "The bundle's file name; ID-SEAL.tar.gz in the current folder by default" };
        Arguments.Add(id);
        Options.Add(seal);
        Options.Add(output);
        SetAction((parseResult, cancellationToken) => ServerSession.RunAsync(parseResult, global, cancellationToken, async (client, token) =>
        {
            var eventId = parseResult.GetValue(id)!;
            var bundle = await client.GetEvidenceAsync(eventId, parseResult.GetValue(seal), token);
            var path = parseResult.GetValue(output) ?? $"{eventId}{(parseResult.GetValue(seal) is { } n ? $"-{n}" : "")}.tar.gz";
            await File.WriteAllBytesAsync(path, bundle, token);
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            await File.WriteAllTextAsync(Path.Combine(folder, "key.pem"), await client.GetEvidenceKeyAsync(token), token);
            await File.WriteAllTextAsync(Path.Combine(folder, "log.jsonl"), await WholeLogAsync(client, token), token);
            Console.WriteLine($"{path}: {bundle.Length:N0} bytes; key.pem and log.jsonl beside it");
            Console.WriteLine($"check it: grid evidence verify {path} --key {Path.Combine(folder, "key.pem")} --log {Path.Combine(folder, "log.jsonl")}");
            return ApiExitCodes.Success;
        }));
    }

    /// <summary>Every page of the log: the chain is checked from its start.</summary>
    private static async Task<string> WholeLogAsync(Grid.Client.GridClient client, CancellationToken cancellationToken)
    {
        const int Page = 1000;
        var log = new System.Text.StringBuilder();
        for (long from = 0; ; from += Page)
        {
            var page = await client.GetEvidenceLogAsync(from, Page, cancellationToken);
            log.Append(page);
            if (page.Count(c => c == '\n') < Page)
            {
                return log.ToString();
            }
        }
    }
}
