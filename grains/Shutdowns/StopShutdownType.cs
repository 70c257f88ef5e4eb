namespace Grid.Grains.Shutdowns;

/// <summary>
/// What a STOP row says was done: the network cut ("Shutdown", "Mobile Internet", "Broadband
/// Internet"), slowed ("Throttling", "Throttle"), or only some services blocked ("Service-based").
/// </summary>
public enum StopShutdownType
{
    Unknown = 0,
    Shutdown = 1,
    Throttling = 2,
    ServiceBased = 3,
}
