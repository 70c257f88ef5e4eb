using Spectre.Console;

namespace Grid.Cli.Mrt;

/// <summary>
/// A progress bar on standard error while MRT files are read, shown only when a person is watching:
/// standard error is a terminal (and, for commands that stream to standard output, standard output
/// is redirected, so the bar never mixes with the data). Otherwise it does nothing.
/// </summary>
internal sealed class MrtProgress
{
    private readonly ProgressContext? _context;
    private ProgressTask? _task;

    private MrtProgress(ProgressContext? context) => _context = context;

    public static bool ShouldShow(bool writesDataToStandardOutput) =>
        !Console.IsErrorRedirected && (!writesDataToStandardOutput || Console.IsOutputRedirected);

    public static T Run<T>(bool show, Func<MrtProgress, T> work)
    {
        if (!show)
        {
            return work(new MrtProgress(null));
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context => work(new MrtProgress(context)));
    }

    public void StartFile(string name, long? length)
    {
        _task?.StopTask();
        _task = _context?.AddTask(Markup.Escape(Path.GetFileName(name)), maxValue: Math.Max(1, length ?? 1));
        if (_task is not null && length is null)
        {
            _task.IsIndeterminate = true;
        }
    }

    public void Report(long position)
    {
        if (_task is { IsIndeterminate: false } task)
        {
            task.Value = Math.Min(position, task.MaxValue);
        }
    }

    public void FinishFile()
    {
        if (_task is not null)
        {
            _task.Value = _task.MaxValue;
            _task.StopTask();
        }
    }
}
