using System.Collections.Concurrent;

namespace Grid.Runtime.Streams.Durable;

/// <summary>
/// The handler of a grain that implements <see cref="IAsyncObserver{T}"/> instead of subscribing
/// in OnActivateAsync. A durable stream stores JSON, so it needs the T to read it as.
/// </summary>
internal static class ImplicitObserver
{
    private static readonly ConcurrentDictionary<Type, Type?> DeliveryTypes = new();

    public static IStreamDelivery? Of(Grain grain)
    {
        var deliveryType = DeliveryTypes.GetOrAdd(grain.GetType(), static type =>
            type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncObserver<>)) is { } observer
                ? typeof(ObserverDelivery<>).MakeGenericType(observer.GetGenericArguments())
                : null);
        return deliveryType is null ? null : (IStreamDelivery)Activator.CreateInstance(deliveryType, grain)!;
    }
}
