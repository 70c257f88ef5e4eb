using Grid.Cli.Mrt;
using Grid.Grains.Backtesting;
using Grid.Grains.Text;

namespace Grid.Cli.Backtesting;

/// <summary>Reads series files for a backtest, with a bar over their bytes; rows left out are kept with their file and line.</summary>
internal static class BacktestInputs
{
    public static List<SeriesPoint> ReadSeries(IReadOnlyList<string> files, List<InputProblem> problems, MrtProgress progress)
    {
        var points = new List<SeriesPoint>();
        foreach (var file in files)
        {
            using var stream = Open(file);
            using var reader = new StreamReader(stream);
            progress.StartFile(file, stream.Length);
            points.AddRange(SeriesCsv.Read(reader, file, problems, _ => progress.Report(stream.Position)));
            progress.FinishFile();
        }

        return points;
    }

    public static List<TruthInterval> ReadTruth(string file, List<InputProblem> problems)
    {
        using var reader = new StreamReader(Open(file));
        return TruthCsv.Read(reader, file, problems);
    }

    /// <summary>Opens a file to read, or says in one line why it cannot be (<see cref="UnreadableInputException"/>).</summary>
    public static FileStream Open(string file)
    {
        try
        {
            return File.OpenRead(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UnreadableInputException($"{file}: cannot be read ({e.Message}); check the path and its permissions");
        }
    }

    /// <summary>The first problems on standard error, then how many rows were left out in all.</summary>
    public static void Report(List<InputProblem> problems, string what)
    {
        const int Shown = 20;
        foreach (var problem in problems.Take(Shown))
        {
            Console.Error.WriteLine($"grid: {problem}");
        }

        if (problems.Count > 0)
        {
            Console.Error.WriteLine($"grid: {problems.Count:N0} {what} left out{(problems.Count > Shown ? $" ({Shown} shown)" : "")}; the rest was used");
        }
    }
}
