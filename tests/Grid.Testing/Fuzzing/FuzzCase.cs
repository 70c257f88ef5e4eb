using System.Diagnostics;

namespace Grid.Testing.Fuzzing;

/// <summary>Runs one fuzzing case: it must end within <see cref="FuzzBudget.PerCase"/>, and throw nothing but what the target documents.</summary>
public static class FuzzCase
{
    /// <summary>How long a case that overran may take to end at all before it counts as a hang outright.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs <paramref name="target"/> on <paramref name="input"/>; returns true when it ended with one
    /// of the <paramref name="documented"/> exceptions. Any other exception fails with the case's
    /// description, so it can be replayed. A case over the time limit is run once more, since a
    /// machine shared by parallel builds can stall any thread for a moment: it fails when it overruns
    /// again (a hang repeats, a stall does not).
    /// </summary>
    public static bool Run(FuzzInput input, Action<byte[]> target, params Type[] documented)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(documented);
        var (ended, elapsed) = Attempt(input, target, documented);
        if (elapsed <= FuzzBudget.PerCase)
        {
            return ended;
        }

        (ended, elapsed) = Attempt(input, target, documented);
        return elapsed <= FuzzBudget.PerCase
            ? ended
            : throw new TimeoutException($"{input}: took {elapsed.TotalMilliseconds:F0} ms twice, over the {FuzzBudget.PerCase.TotalSeconds} s a case may take");
    }

    private static (bool Documented, TimeSpan Elapsed) Attempt(FuzzInput input, Action<byte[]> target, Type[] documented)
    {
        var clock = Stopwatch.StartNew();
        var work = Task.Run(() => target(input.Octets));
        try
        {
            if (!work.Wait(Hang))
            {
                throw new TimeoutException($"{input}: no end within {Hang.TotalSeconds} s (a hang)");
            }

            return (false, clock.Elapsed);
        }
        catch (AggregateException e) when (e.InnerException is { } inner && documented.Any(type => type.IsInstanceOfType(inner)))
        {
            return (true, clock.Elapsed);
        }
        catch (AggregateException e)
        {
            throw new InvalidOperationException($"{input}: {e.InnerException?.GetType().Name}: {e.InnerException?.Message}", e.InnerException);
        }
    }
}
