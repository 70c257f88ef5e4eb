using Grid.Cli.Commands;

// `grid`: the command-line client of a Grid server. Each subcommand lives in Commands/.
return await new GridRootCommand().Parse(args).InvokeAsync();
