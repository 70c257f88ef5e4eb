using System.Diagnostics;

namespace Grid.Testing.Processes;

/// <summary>Waits for a real condition (a delivery arrived, a level changed) instead of sleeping a guessed time.</summary>
public static class Poll
{
    public static async Task UntilAsync(string what, Func<Task<bool>> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting until {what}.");
            }

            await Task.Delay(50);
        }
    }
}
