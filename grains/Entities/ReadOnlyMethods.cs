using System.Collections.Concurrent;
using System.Reflection;
using Orleans.Concurrency;

namespace Grid.Grains.Entities;

/// <summary>Whether a grain interface method is marked [ReadOnly], looked up once per method.</summary>
internal static class ReadOnlyMethods
{
    private static readonly ConcurrentDictionary<MethodInfo, bool> Known = new();

    public static bool IsReadOnly(MethodInfo? method) =>
        method is not null && Known.GetOrAdd(method, static m => m.GetCustomAttribute<ReadOnlyAttribute>() is not null);
}
