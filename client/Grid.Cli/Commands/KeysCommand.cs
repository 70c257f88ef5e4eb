using System.CommandLine;
using Grid.Cli.Api;
using Grid.Cli.Rendering;
using Grid.Client.Model;
using Spectre.Console;

namespace Grid.Cli.Commands;

/// <summary>`grid keys list|create|revoke`: API keys managed through <c>/v1/keys</c> (admin scope).</summary>
internal sealed class KeysCommand : Command
{
    private const string Scope = "admin";

    public KeysCommand(GlobalOptions global)
        : base("keys", "API keys of the server (API key with the admin scope)")
    {
        var json = ApiOptions.Json();
        var list = new Command("list", $"List keys (never the keys themselves). {ApiExitCodes.Help}") { json };
        list.SetAction((parseResult, cancellationToken) => WithKey(parseResult, global, cancellationToken, async (client, token) =>
        {
            var keys = await client.GetKeysAsync(token).ToListAsync(token);
            if (parseResult.GetValue(json))
            {
                JsonOutput.Write(keys);
                return ApiExitCodes.Success;
            }

            var table = new Table().AddColumn("id").AddColumn("name").AddColumn("scopes").AddColumn("created");
            keys.ForEach(k => table.AddRow(new Text(k.Id), new Text(k.Name ?? Figures.None), new Text(string.Join(' ', k.Scopes)), new Text(Figures.Time(k.CreatedAt))));
            Terminal.Create().Write(table);
            return ApiExitCodes.Success;
        }));

        var name = new Argument<string>("NAME") { Description = "What the key is for, as logs will name it" };
        var scopes = new Option<string[]>("--scope") { Description = "read, ingest, admin, or calendar (the iCalendar feed only, the one key that may go in its URL); repeatable", Required = true, AllowMultipleArgumentsPerToken = true };
        var create = new Command("create", $"Create a key and print it: this is the only time it is shown. {ApiExitCodes.Help}") { name, scopes };
        create.SetAction((parseResult, cancellationToken) => WithKey(parseResult, global, cancellationToken, async (client, token) =>
        {
            var created = await client.CreateKeyAsync(new NewApiKey(parseResult.GetValue(name)!, parseResult.GetValue(scopes)!), token);
            // The new key goes to standard output alone, so `KEY=$(grid keys create …)` captures it.
            Console.Out.WriteLine(created.Key);
            Console.Error.WriteLine($"grid: created key {created.Id}; store it now, the server keeps only its hash.");
            return ApiExitCodes.Success;
        }));

        var id = new Argument<string>("ID") { Description = "The key's id, as `grid keys list` shows it" };
        var revoke = new Command("revoke", $"Revoke a key. {ApiExitCodes.Help}") { id };
        revoke.SetAction((parseResult, cancellationToken) => WithKey(parseResult, global, cancellationToken, async (client, token) =>
        {
            await client.DeleteKeyAsync(parseResult.GetValue(id)!, token);
            Console.Out.WriteLine($"revoked {parseResult.GetValue(id)}");
            return ApiExitCodes.Success;
        }));

        Subcommands.Add(list);
        Subcommands.Add(create);
        Subcommands.Add(revoke);
    }

    private static Task<int> WithKey(ParseResult parseResult, GlobalOptions global, CancellationToken cancellationToken, Func<Grid.Client.GridClient, CancellationToken, Task<int>> action) =>
        ServerSession.RequireKey(parseResult, global, Scope)
            ? ServerSession.RunAsync(parseResult, global, cancellationToken, action)
            : Task.FromResult(ApiExitCodes.Failed);
}
