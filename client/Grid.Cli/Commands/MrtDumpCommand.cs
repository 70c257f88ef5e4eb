using System.CommandLine;
using Grid.Bgp.Mrt;
using Grid.Cli.Mrt;

namespace Grid.Cli.Commands;

/// <summary>
/// `grid mrt dump -m FILE…`: one line per route, byte for byte what `bgpdump -m` prints, so scripts
/// written for bgpdump work unchanged (and faster). Diagnostics go to standard error only.
/// </summary>
internal sealed class MrtDumpCommand : Command
{
    public MrtDumpCommand()
        : base("dump", $"Print every route of MRT files, one line each, exactly as `bgpdump -m` does. {MrtExitCodes.Help}")
    {
        var oneLine = new Option<bool>("-m")
        {
            Description = "One line per route with Unix timestamps, bgpdump's -m format (the only format, so optional)",
        };
        var files = MrtInputFiles.CreateArgument();
        Options.Add(oneLine);
        Arguments.Add(files);
        SetAction(parseResult => Run(parseResult.GetValue(files) ?? []));
    }

    private static int Run(string[] files)
    {
        if (MrtInputFiles.ReportMissing(files))
        {
            return MrtExitCodes.Failed;
        }

        var messages = new List<string>();
        var exitCode = MrtExitCodes.Success;
        using var standardOutput = Console.OpenStandardOutput();
        var output = new Utf8Output(standardOutput);
        try
        {
            MrtProgress.Run(MrtProgress.ShouldShow(writesDataToStandardOutput: true), progress =>
            {
                foreach (var file in files)
                {
                    exitCode = Math.Max(exitCode, Dump(file, output, progress, messages));
                }
                output.Flush();
                return 0;
            });
        }
        catch (IOException error) when (error.HResult == BrokenPipe)
        {
            // The reader of our output went away (`| head`): stop quietly, as bgpdump does on SIGPIPE.
            return exitCode;
        }
        foreach (var message in messages)
        {
            Console.Error.WriteLine($"grid: {message}");
        }
        return exitCode;
    }

    /// <summary>EPIPE, the errno .NET reports as the HResult of a write to a closed pipe.</summary>
    private const int BrokenPipe = 32;

    private static int Dump(string file, Utf8Output output, MrtProgress progress, List<string> messages)
    {
        using var reader = MrtInputFiles.Open(file);
        var writer = new BgpdumpLineWriter(output);
        progress.StartFile(file, reader.InputLength);
        var records = 0;
        while (reader.Read())
        {
            writer.Write(reader.Current);
            if ((++records & 0xFFF) == 0)
            {
                progress.Report(reader.InputPosition);
            }
        }
        progress.FinishFile();

        if (MrtInputFiles.Describe(file, reader, out var fatal) is { } message)
        {
            messages.Add(message);
        }
        return fatal ? MrtExitCodes.Failed : MrtInputFiles.LostRecords(reader) ? MrtExitCodes.RecordsLost : MrtExitCodes.Success;
    }
}
