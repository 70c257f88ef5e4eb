using System.CommandLine;
using Grid.Cli.Api;
using Grid.Cli.Commands;
using Grid.Cli.Hosting;

// `grid`: the command-line client of a Grid server. Each subcommand lives in Commands/.
using var termination = new Termination();
var parseResult = new GridRootCommand().Parse(args);
var exitCode = await parseResult.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, termination.Token);
// A wrong command line is a usage error (2), told apart from a server's refusal (1).
return parseResult.Errors.Count > 0 ? ApiExitCodes.Usage : exitCode;
