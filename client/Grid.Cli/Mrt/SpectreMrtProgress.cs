using Spectre.Console;

namespace Grid.Cli.Mrt;

/// <summary>The progress bar itself: one task per file, advanced by compressed octets read.</summary>
internal sealed class SpectreMrtProgress : MrtProgress
{
    private readonly ProgressContext _context;
    private ProgressTask? _task;

    private SpectreMrtProgress(ProgressContext context) => _context = context;

    public static T Run<T>(Func<MrtProgress, T> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context => work(new SpectreMrtProgress(context)));
    }

    public override void StartFile(string name, long? length)
    {
        _task?.StopTask();
        _task = _context.AddTask(Markup.Escape(Path.GetFileName(name)), maxValue: Math.Max(1, length ?? 1));
        _task.IsIndeterminate = length is null;
    }

    public override void Report(long position)
    {
        if (_task is { IsIndeterminate: false } task)
        {
            task.Value = Math.Min(position, task.MaxValue);
        }
    }

    public override void FinishFile()
    {
        if (_task is not null)
        {
            _task.Value = _task.MaxValue;
            _task.StopTask();
        }
    }
}
