namespace Grid.Runtime.Activation;

/// <summary>A registered grain class: its name in grain ids, its CLR type, and the stream namespaces it subscribes to implicitly.</summary>
public sealed record GrainClass(string Name, Type Type, IReadOnlyList<string> ImplicitStreamNamespaces);
