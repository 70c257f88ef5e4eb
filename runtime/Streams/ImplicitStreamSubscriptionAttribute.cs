namespace Grid.Runtime.Streams;

/// <summary>
/// Subscribes a grain class to every stream of a namespace: an event on stream (namespace, key)
/// goes to the grain of this class whose key is the stream's key, activating it if needed.
/// As in Orleans, the grain attaches its handler in OnActivateAsync with
/// <c>GetStream(...).SubscribeAsync(...)</c>, or implements <see cref="IAsyncObserver{T}"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ImplicitStreamSubscriptionAttribute(string streamNamespace) : Attribute
{
    public string Namespace { get; } = streamNamespace;
}
