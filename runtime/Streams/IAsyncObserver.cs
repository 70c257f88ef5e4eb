namespace Grid.Runtime.Streams;

/// <summary>Receives a stream's events, one at a time, in order.</summary>
public interface IAsyncObserver<in T>
{
    Task OnNextAsync(T item, StreamSequenceToken token);
}
