namespace Grid.Runtime;

/// <summary>
/// Names a grain class in grain ids, storage rows and messages. Without it the name is the class
/// name without its "Grain" suffix, lower-cased (<c>CountryGrain</c> → <c>country</c>).
/// Renaming a class without this attribute orphans its stored state, so give long-lived grains one.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
