using System.Runtime.CompilerServices;

namespace Grid.Cli.Mrt;

/// <summary>
/// A progress bar on standard error while MRT files are read, shown only when a person is watching:
/// standard error is a terminal (and, for commands that stream to standard output, standard output
/// is redirected, so the bar never mixes with the data). Otherwise it does nothing; this base class
/// is that nothing, and Spectre.Console is not even loaded.
/// </summary>
internal class MrtProgress
{
    private static readonly MrtProgress None = new();

    public static bool ShouldShow(bool writesDataToStandardOutput) =>
        !Console.IsErrorRedirected && (!writesDataToStandardOutput || Console.IsOutputRedirected);

    public static T Run<T>(bool show, Func<MrtProgress, T> work) => show ? RunWithBar(work) : work(None);

    public virtual void StartFile(string name, long? length)
    {
    }

    public virtual void Report(long position)
    {
    }

    public virtual void FinishFile()
    {
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T RunWithBar<T>(Func<MrtProgress, T> work) => SpectreMrtProgress.Run(work);
}
