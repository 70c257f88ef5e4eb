namespace Grid.Runtime.Messaging;

/// <summary>
/// Delivers a <see cref="GrainCall"/> to the activation of its target and returns the result.
/// The local dispatcher runs it in this process; a cluster dispatcher forwards it to the owning silo.
/// </summary>
public interface IGrainCallDispatcher
{
    Task<TResult> InvokeAsync<TResult>(GrainCall call);
}
