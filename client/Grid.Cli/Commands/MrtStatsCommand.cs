using System.CommandLine;
using Grid.Cli.Mrt;

namespace Grid.Cli.Commands;

/// <summary>`grid mrt stats FILE…`: what an MRT file holds, by record type, peer and prefix, and what was wrong with it.</summary>
internal sealed class MrtStatsCommand : Command
{
    public MrtStatsCommand()
        : base("stats", $"Count the records of MRT files by type, their peers and distinct prefixes, and list decode errors with their offsets. {MrtExitCodes.Help}")
    {
        var files = MrtInputFiles.CreateArgument();
        Arguments.Add(files);
        SetAction(parseResult => Run(parseResult.GetValue(files) ?? []));
    }

    private static int Run(string[] files)
    {
        if (MrtInputFiles.ReportMissing(files))
        {
            return MrtExitCodes.Failed;
        }
        var results = MrtProgress.Run(MrtProgress.ShouldShow(writesDataToStandardOutput: false),
            progress => files.Select(file => MrtFileStatistics.Collect(file, progress)).ToList());

        var exitCode = MrtExitCodes.Success;
        foreach (var statistics in results)
        {
            statistics.WriteTo(Console.Out);
            if (statistics.Message is { } message)
            {
                Console.Error.WriteLine($"grid: {message}");
            }
            exitCode = Math.Max(exitCode, statistics.ExitCode);
        }
        return exitCode;
    }
}
