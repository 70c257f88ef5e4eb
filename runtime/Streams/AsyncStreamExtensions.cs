namespace Grid.Runtime.Streams;

public static class AsyncStreamExtensions
{
    /// <summary>Subscribes a delegate; see <see cref="IAsyncStream{T}.SubscribeAsync"/>.</summary>
    public static Task<StreamSubscriptionHandle> SubscribeAsync<T>(this IAsyncStream<T> stream, Func<T, StreamSequenceToken, Task> onNext) =>
        stream.SubscribeAsync(new DelegateObserver<T>(onNext));

    private sealed class DelegateObserver<T>(Func<T, StreamSequenceToken, Task> onNext) : IAsyncObserver<T>
    {
        public Task OnNextAsync(T item, StreamSequenceToken token) => onNext(item, token);
    }
}
