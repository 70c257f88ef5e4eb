using System.CommandLine;
using Grid.Cli.Api;
using Grid.Cli.Rendering;
using Grid.Client.Model;

namespace Grid.Cli.Commands;

/// <summary>`grid subscriptions list|add|remove`: the webhooks alerts go to. Every one needs a key with the admin scope.</summary>
internal sealed class SubscriptionsCommand : Command
{
    private const string Scope = "admin";
    private const string SecretVariable = "GRID_WEBHOOK_SECRET";

    public SubscriptionsCommand(GlobalOptions global)
        : base("subscriptions", "Webhook subscriptions that receive alerts (API key with the admin scope)")
    {
        Subcommands.Add(List(global));
        Subcommands.Add(Add(global));
        Subcommands.Add(Remove(global));
    }

    private static Command List(GlobalOptions global)
    {
        var json = ApiOptions.Json();
        var command = new Command("list", $"List subscriptions. {ApiExitCodes.Help}") { json };
        command.SetAction((parseResult, cancellationToken) => !ServerSession.RequireKey(parseResult, global, Scope)
            ? Task.FromResult(ApiExitCodes.Failed)
            : ServerSession.RunAsync(parseResult, global, cancellationToken, async (client, token) =>
            {
                var subscriptions = await client.GetSubscriptionsAsync(token).ToListAsync(token);
                if (parseResult.GetValue(json))
                {
                    JsonOutput.Write(subscriptions);
                }
                else
                {
                    Terminal.Create().Write(SubscriptionTable.Create(subscriptions));
                }

                return ApiExitCodes.Success;
            }));
        return command;
    }

    private static Command Add(GlobalOptions global)
    {
        var url = new Option<string>("--url") { Description = "Where alerts are POSTed (http or https)", Required = true };
        url.Validators.Add(result =>
        {
            if (!Uri.TryCreate(result.GetValueOrDefault<string>(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                result.AddError($"--url must be an http:// or https:// URL, not '{result.GetValueOrDefault<string>()}'.");
            }
        });
        // On the command line a secret shows in `ps` and shell history; the variable keeps it out of both.
        var secret = new Option<string?>("--secret") { Description = $"HMAC-SHA256 key of the X-Grid-Signature header, 16 characters or more (or env {SecretVariable})" };
        var countries = new Option<string[]>("--country") { Description = "Only alerts of this country (repeatable; none means all)", AllowMultipleArgumentsPerToken = true };
        var asns = new Option<uint[]>("--asn") { Description = "Only alerts of this AS number (repeatable)", AllowMultipleArgumentsPerToken = true };
        var regions = new Option<string[]>("--region") { Description = "Only alerts of this region, e.g. BY-HM (repeatable; --country already covers its regions)", AllowMultipleArgumentsPerToken = true };
        var minLevel = new Option<string?>("--min-level") { Description = "warning (default) or critical" };
        var electionOnly = new Option<bool>("--election-only") { Description = "Only alerts raised inside an election watch window" };
        var format = new Option<string?>("--format") { Description = "json (Grid's body, default) or slack" };
        var watchNotices = new Option<bool>("--watch-notices") { Description = "Also the watch calendar's notices (watch.upcoming, watch.opened, watch.closed)" };
        var command = new Command("add", $"Add a subscription and print its id. {ApiExitCodes.Help}") { url, secret, countries, asns, regions, minLevel, electionOnly, format, watchNotices };
        command.SetAction((parseResult, cancellationToken) =>
        {
            if (!ServerSession.RequireKey(parseResult, global, Scope))
            {
                return Task.FromResult(ApiExitCodes.Failed);
            }

            if ((parseResult.GetValue(secret) ?? Environment.GetEnvironmentVariable(SecretVariable)) is not { Length: > 0 } key)
            {
                return Task.FromResult(ServerSession.Fail($"a subscription needs a secret to sign its deliveries: pass --secret or set {SecretVariable} (16 random characters or more)."));
            }

            return ServerSession.RunAsync(parseResult, global, cancellationToken, async (client, token) =>
            {
                var created = await client.CreateSubscriptionAsync(new NewSubscription(
                    parseResult.GetValue(url)!,
                    key,
                    parseResult.GetValue(countries) is { Length: > 0 } cc ? cc : null,
                    parseResult.GetValue(asns) is { Length: > 0 } asn ? asn : null,
                    parseResult.GetValue(minLevel),
                    parseResult.GetValue(electionOnly),
                    parseResult.GetValue(format),
                    parseResult.GetValue(regions) is { Length: > 0 } region ? region : null,
                    parseResult.GetValue(watchNotices)), token);
                Console.Out.WriteLine(created.Id);
                return ApiExitCodes.Success;
            });
        });
        return command;
    }

    private static Command Remove(GlobalOptions global)
    {
        var id = new Argument<string>("ID") { Description = "The subscription's id, as `grid subscriptions list` shows it" };
        var command = new Command("remove", $"Remove a subscription. {ApiExitCodes.Help}") { id };
        command.SetAction((parseResult, cancellationToken) => !ServerSession.RequireKey(parseResult, global, Scope)
            ? Task.FromResult(ApiExitCodes.Failed)
            : ServerSession.RunAsync(parseResult, global, cancellationToken, async (client, token) =>
            {
                await client.DeleteSubscriptionAsync(parseResult.GetValue(id)!, token);
                Console.Out.WriteLine($"removed {parseResult.GetValue(id)}");
                return ApiExitCodes.Success;
            }));
        return command;
    }
}
