namespace Grid.Cli.Tests.Shutdowns;

/// <summary>
/// <c>--to 9999-12-31</c>, the usual "no end", on <c>grid stop match</c>: the range ends the day after
/// <c>--to</c>, a day the calendar does not have. It is refused as a bad option, not met with a stack trace.
/// </summary>
public sealed class StopDateOptionTests
{
    [Fact]
    public async Task ADayPast2100IsRefusedWithTheDaysToGive()
    {
        var events = Path.GetTempFileName();
        try
        {
            var result = await GridExecutable.RunAsync("stop", "match", "--events", events, "--stop", BagoBacktest.StopFile, "--to", "9999-12-31");

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("--to must be a day from 1900-01-01 to 2100-12-31", result.StandardError, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(events);
        }
    }
}
