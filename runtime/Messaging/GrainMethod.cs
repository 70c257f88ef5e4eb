using System.Linq.Expressions;
using System.Reflection;

namespace Grid.Runtime.Messaging;

/// <summary>
/// A grain interface method, with a compiled invoker for the grain side and the adapter that turns
/// the runtime's <see cref="Task{TResult}"/> into what the interface returns on the proxy side.
/// Built once per method; the hot path does no reflection.
/// </summary>
public abstract class GrainMethod
{
    private protected GrainMethod(MethodInfo method)
    {
        Info = method;
        Interface = method.DeclaringType!;
        Name = method.Name;
        ParameterTypes = [.. method.GetParameters().Select(p => p.ParameterType)];
        IsIdempotent = method.IsDefined(typeof(IdempotentAttribute), inherit: false);
    }

    /// <summary>Whether the method is marked <see cref="IdempotentAttribute"/>: safe to send again when an answer was lost.</summary>
    public bool IsIdempotent { get; }

    public MethodInfo Info { get; }

    public Type Interface { get; }

    public string Name { get; }

    public IReadOnlyList<Type> ParameterTypes { get; }

    /// <summary>The type of the value the call produces; <see cref="object"/> (always null) for Task and ValueTask.</summary>
    public abstract Type ResultType { get; }

    /// <summary>True for methods returning Task or ValueTask: their calls carry no result.</summary>
    public bool IsVoid => Info.ReturnType == typeof(Task) || Info.ReturnType == typeof(ValueTask);

    /// <summary>Sends <paramref name="call"/> through <paramref name="dispatcher"/> and returns what the interface method returns.</summary>
    internal abstract object Dispatch(IGrainCallDispatcher dispatcher, GrainCall call);

    /// <summary>Runs a call that arrived from another silo and encodes its result for the reply.</summary>
    internal abstract Task<byte[]> InvokeEncodedAsync(IGrainCallDispatcher dispatcher, GrainCall call, GrainCallCodec codec);

    public override string ToString() => $"{Interface.Name}.{Name}";

    internal static GrainMethod Create(MethodInfo method)
    {
        var returnType = method.ReturnType;
        Type resultType;
        if (returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            resultType = typeof(object);
        }
        else if (returnType.IsGenericType && (returnType.GetGenericTypeDefinition() == typeof(Task<>) || returnType.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            resultType = returnType.GetGenericArguments()[0];
        }
        else
        {
            throw new InvalidOperationException(
                $"{method.DeclaringType!.Name}.{method.Name} returns {returnType.Name}: grain methods must return Task, Task<T>, ValueTask or ValueTask<T>, because calls are messages.");
        }

        if (method.IsGenericMethodDefinition)
        {
            throw new InvalidOperationException($"{method.DeclaringType!.Name}.{method.Name} is generic: grain methods cannot be generic.");
        }

        if (method.GetParameters().Any(p => p.ParameterType.IsByRef))
        {
            throw new InvalidOperationException($"{method.DeclaringType!.Name}.{method.Name} has a ref or out parameter: grain calls are messages, so pass values.");
        }

        var closed = typeof(GrainMethod<>).MakeGenericType(resultType);
        return (GrainMethod)Activator.CreateInstance(closed, BindingFlags.NonPublic | BindingFlags.Instance, null, [method], null)!;
    }
}

/// <summary>A grain method whose call yields a <typeparamref name="TResult"/>.</summary>
public sealed class GrainMethod<TResult> : GrainMethod
{
    private readonly Func<object, object?[], Task<TResult>> _invoke;
    private readonly Func<Task<TResult>, object> _toInterfaceReturn;

    internal GrainMethod(MethodInfo method)
        : base(method)
    {
        _invoke = CompileInvoker(method);
        _toInterfaceReturn = InterfaceReturnAdapter(method.ReturnType);
    }

    public override Type ResultType => typeof(TResult);

    internal Task<TResult> InvokeAsync(object grain, object?[] arguments) => _invoke(grain, arguments);

    internal override object Dispatch(IGrainCallDispatcher dispatcher, GrainCall call) =>
        _toInterfaceReturn(dispatcher.InvokeAsync<TResult>(call));

    internal override async Task<byte[]> InvokeEncodedAsync(IGrainCallDispatcher dispatcher, GrainCall call, GrainCallCodec codec) =>
        codec.EncodeResult(await dispatcher.InvokeAsync<TResult>(call).ConfigureAwait(false));

    private static Func<Task<TResult>, object> InterfaceReturnAdapter(Type returnType)
    {
        if (returnType == typeof(ValueTask))
        {
            return static t => new ValueTask(t);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            return static t => new ValueTask<TResult>(t);
        }

        // Task<TResult> is both a Task and a Task<TResult>, so it serves either return type.
        return static t => t;
    }

    private static Func<object, object?[], Task<TResult>> CompileInvoker(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters();
        var callArgs = parameters.Select((p, i) =>
            (Expression)Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType));
        Expression call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, callArgs);

        var returnType = method.ReturnType;
        if (returnType == typeof(Task))
        {
            call = Expression.Call(typeof(GrainMethod<TResult>).GetMethod(nameof(FromTask), BindingFlags.NonPublic | BindingFlags.Static)!, call);
        }
        else if (returnType == typeof(ValueTask))
        {
            call = Expression.Call(typeof(GrainMethod<TResult>).GetMethod(nameof(FromValueTask), BindingFlags.NonPublic | BindingFlags.Static)!, call);
        }
        else if (returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            call = Expression.Call(call, returnType.GetMethod(nameof(ValueTask<int>.AsTask))!);
        }

        return Expression.Lambda<Func<object, object?[], Task<TResult>>>(call, grain, args).Compile();
    }

    private static async Task<TResult> FromTask(Task task)
    {
        await task.ConfigureAwait(false);
        return default!;
    }

    private static Task<TResult> FromValueTask(ValueTask task) => FromTask(task.AsTask());
}
