using System.Collections.Concurrent;
using System.Reflection;
using Grid.Runtime.Serialization;
using Grid.Runtime.State;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Runtime.Activation;

/// <summary>
/// Builds grain instances: constructor parameters come from dependency injection, except
/// <see cref="IPersistentState{TState}"/> parameters marked <see cref="PersistentStateAttribute"/>,
/// which are bound to the grain and read from storage before the grain sees them.
/// </summary>
internal sealed class GrainActivator(IServiceProvider services, GridSerializer serializer)
{
    private readonly ConcurrentDictionary<Type, ConstructorInfo> _constructors = new();

    public async Task<Grain> CreateAsync(GrainClass grainClass, GrainId id, CancellationToken cancellationToken)
    {
        var constructor = _constructors.GetOrAdd(grainClass.Type, ChooseConstructor);
        var parameters = constructor.GetParameters();
        var arguments = new object?[parameters.Length];
        var states = new List<Func<CancellationToken, Task>>();
        for (var i = 0; i < parameters.Length; i++)
        {
            arguments[i] = Resolve(parameters[i], id, states);
        }

        var grain = (Grain)constructor.Invoke(arguments);
        foreach (var read in states)
        {
            await read(cancellationToken).ConfigureAwait(false);
        }

        return grain;
    }

    private object? Resolve(ParameterInfo parameter, GrainId id, List<Func<CancellationToken, Task>> states)
    {
        if (parameter.GetCustomAttribute<PersistentStateAttribute>() is { } attribute)
        {
            var type = parameter.ParameterType;
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new InvalidOperationException($"[PersistentState] parameter '{parameter.Name}' must be an IPersistentState<T>.");
            }

            var storage = services.GetKeyedService<IGrainStorage>(attribute.StorageName)
                ?? throw new InvalidOperationException($"No grain storage named '{attribute.StorageName}' is registered (state '{attribute.StateName}' of {id}).");
            var stateType = typeof(PersistentState<>).MakeGenericType(type.GetGenericArguments()[0]);
            var state = Activator.CreateInstance(stateType, id, attribute.StateName, storage, serializer)!;
            var read = stateType.GetMethod(nameof(IPersistentState<object>.ReadStateAsync))!;
            states.Add(ct => (Task)read.Invoke(state, [ct])!);
            return state;
        }

        return services.GetService(parameter.ParameterType)
            ?? (parameter.HasDefaultValue
                ? parameter.DefaultValue
                : throw new InvalidOperationException(
                    $"{parameter.Member.DeclaringType?.Name} needs a {parameter.ParameterType.Name} ('{parameter.Name}'), and none is registered."));
    }

    private static ConstructorInfo ChooseConstructor(Type type) =>
        type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"{type.Name} has no public constructor.");
}
