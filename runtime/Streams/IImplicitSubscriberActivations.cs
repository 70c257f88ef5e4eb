using Grid.Runtime.Activation;

namespace Grid.Runtime.Streams;

/// <summary>
/// Told when an activation of a grain class with implicit subscriptions has started, so a durable
/// stream provider can start feeding it from its committed offset. The feed ends with
/// <see cref="GrainActivation.Gone"/>. The in-process provider needs no such hook: it posts to the grain.
/// </summary>
internal interface IImplicitSubscriberActivations
{
    void Activated(GrainActivation activation);
}
