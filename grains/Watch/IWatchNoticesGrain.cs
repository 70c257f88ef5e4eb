namespace Grid.Grains.Watch;

/// <summary>Sends the watch calendar's notices to the subscribers that opted in; one grain, keyed <see cref="Key"/>.</summary>
public interface IWatchNoticesGrain : IGrainWithStringKey
{
    public const string Key = "notices";

    /// <summary>Hands every notice now due to its subscribers' outboxes, once each; returns how many.</summary>
    Task<int> Check();
}
