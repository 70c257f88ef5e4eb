using System.Reflection;

namespace Grid.Grains;

/// <summary>Points the runtime at this assembly's grain classes.</summary>
public static class GridGrains
{
    public static Assembly Assembly => typeof(GridGrains).Assembly;
}
