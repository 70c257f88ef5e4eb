namespace Grid.Cli.Shutdowns;

/// <summary>
/// A count of what has been read so far on standard error, rewritten in place every 500 items,
/// only when a person is watching (standard error is a terminal); scripts see nothing.
/// </summary>
internal sealed class ReadingProgress(string what)
{
    private const int Every = 500;
    private readonly bool _show = !Console.IsErrorRedirected;
    private bool _shown;

    public void Report(int count)
    {
        if (_show && count > 0 && count % Every == 0)
        {
            Console.Error.Write($"\rgrid: {count:N0} {what}…");
            _shown = true;
        }
    }

    public void Finish(int count)
    {
        if (_shown)
        {
            Console.Error.WriteLine($"\rgrid: {count:N0} {what}. ");
        }
    }
}
