namespace Grid.Silo.Api.V1;

/// <summary>An intake body went past its size limit while it was being read: the answer is 413.</summary>
public sealed class BodyTooLargeException : Exception
{
    public BodyTooLargeException()
        : base("The request body is over the intake's size limit.")
    {
    }

    public BodyTooLargeException(string message)
        : base(message)
    {
    }

    public BodyTooLargeException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
