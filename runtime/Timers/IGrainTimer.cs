namespace Grid.Runtime.Timers;

/// <summary>A grain timer; dispose it to stop it. It stops by itself when the grain deactivates.</summary>
public interface IGrainTimer : IDisposable
{
    void Change(TimeSpan dueTime, TimeSpan period);
}
