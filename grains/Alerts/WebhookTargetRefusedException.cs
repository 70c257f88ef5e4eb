namespace Grid.Grains.Alerts;

/// <summary>
/// Thrown where a webhook's connection is made (<see cref="WebhookConnector"/>) when its port or an
/// address its host resolves to is not allowed; the message says which and why.
/// </summary>
public sealed class WebhookTargetRefusedException : Exception
{
    public WebhookTargetRefusedException()
    {
    }

    public WebhookTargetRefusedException(string message)
        : base(message)
    {
    }

    public WebhookTargetRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
