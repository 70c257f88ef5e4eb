using System.Collections.Frozen;
using System.Reflection;
using Grid.Runtime.Messaging;
using Grid.Runtime.Streams;

namespace Grid.Runtime.Activation;

/// <summary>
/// What grains exist: interface → class, type name → class, interface methods, and implicit
/// stream subscribers. Built once at start-up from the assemblies given to the runtime; invalid
/// grain interfaces fail the start with a message that names the method to fix.
/// </summary>
public sealed class GrainTypeRegistry
{
    private readonly FrozenDictionary<Type, GrainClass> _byInterface;
    private readonly FrozenSet<Type> _shared;
    private readonly FrozenDictionary<string, GrainClass> _byName;
    private readonly FrozenDictionary<MethodInfo, GrainMethod> _methods;
    private readonly FrozenDictionary<(string Interface, string Method), GrainMethod> _methodsByName;
    private readonly FrozenDictionary<string, GrainClass[]> _implicitSubscribers;

    public GrainTypeRegistry(IEnumerable<Assembly> assemblies)
    {
        var byInterface = new Dictionary<Type, GrainClass>();
        var shared = new HashSet<Type>();
        var byName = new Dictionary<string, GrainClass>(StringComparer.Ordinal);
        var methods = new Dictionary<MethodInfo, GrainMethod>();

        foreach (var type in assemblies.Distinct().SelectMany(a => a.GetTypes()).Where(IsGrainClass))
        {
            var grainClass = new GrainClass(
                NameOf(type),
                type,
                [.. type.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>().Select(a => a.Namespace)]);
            if (!byName.TryAdd(grainClass.Name, grainClass))
            {
                throw new InvalidOperationException(
                    $"Grain classes {byName[grainClass.Name].Type.FullName} and {type.FullName} share the name '{grainClass.Name}': give one a [GrainType(\"...\")].");
            }

            foreach (var grainInterface in type.GetInterfaces().Where(IsGrainInterface))
            {
                // An interface several classes implement (a shared base such as IEntityGrain) can
                // be called through, but not asked for by GetGrain: the key alone cannot pick a class.
                if (!byInterface.TryAdd(grainInterface, grainClass))
                {
                    shared.Add(grainInterface);
                }

                foreach (var method in grainInterface.GetMethods())
                {
                    methods.TryAdd(method, GrainMethod.Create(method));
                }
            }
        }

        var byMethodName = new Dictionary<(string, string), GrainMethod>();
        foreach (var method in methods.Values)
        {
            if (!byMethodName.TryAdd((method.Interface.FullName!, method.Name), method))
            {
                throw new InvalidOperationException(
                    $"{method.Interface.FullName}.{method.Name} is overloaded: grain methods are addressed by name in messages, so give each overload its own name.");
            }
        }

        _shared = shared.ToFrozenSet();
        _byInterface = byInterface.Where(kv => !shared.Contains(kv.Key)).ToFrozenDictionary();
        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _methods = methods.ToFrozenDictionary();
        _methodsByName = byMethodName.ToFrozenDictionary();
        _implicitSubscribers = byName.Values
            .SelectMany(c => c.ImplicitStreamNamespaces.Select(ns => (ns, c)))
            .GroupBy(x => x.ns, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.c).ToArray(), StringComparer.Ordinal);
    }

    public IEnumerable<GrainClass> Classes => _byName.Values;

    public GrainClass ClassFor(Type grainInterface) =>
        _byInterface.TryGetValue(grainInterface, out var grainClass)
            ? grainClass
            : throw new InvalidOperationException(_shared.Contains(grainInterface)
                ? $"{grainInterface.FullName} is implemented by several grain classes: ask GetGrain for the specific interface."
                : $"No grain class implements {grainInterface.FullName}: add its assembly with AddGrainsFromAssembly.");

    public GrainClass ClassNamed(string name) =>
        _byName.TryGetValue(name, out var grainClass)
            ? grainClass
            : throw new KeyNotFoundException($"No grain class is named '{name}'.");

    public GrainMethod MethodFor(MethodInfo method) =>
        _methods.TryGetValue(method, out var grainMethod)
            ? grainMethod
            : throw new InvalidOperationException($"{method.DeclaringType?.Name}.{method.Name} is not a method of a registered grain interface.");

    public GrainMethod MethodNamed(string interfaceName, string methodName) =>
        _methodsByName.TryGetValue((interfaceName, methodName), out var grainMethod)
            ? grainMethod
            : throw new KeyNotFoundException($"No grain method {interfaceName}.{methodName}.");

    public IReadOnlyList<GrainClass> ImplicitSubscribersOf(string streamNamespace) =>
        _implicitSubscribers.TryGetValue(streamNamespace, out var classes) ? classes : [];

    private static bool IsGrainClass(Type type) =>
        type is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && type.IsSubclassOf(typeof(Grain));

    private static bool IsGrainInterface(Type type) =>
        type.IsInterface && typeof(IGrain).IsAssignableFrom(type)
        && type != typeof(IGrain) && type != typeof(IGrainWithStringKey) && type != typeof(IGrainWithIntegerKey);

    private static string NameOf(Type type)
    {
        if (type.GetCustomAttribute<GrainTypeAttribute>() is { } attribute)
        {
            return attribute.Name;
        }

        var name = type.Name.EndsWith("Grain", StringComparison.Ordinal) && type.Name.Length > 5 ? type.Name[..^5] : type.Name;
        return name.ToLowerInvariant();
    }
}
