namespace Grid.Runtime;

/// <summary>Marker for grain interfaces. Every method returns Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;.</summary>
public interface IGrain;

/// <summary>A grain addressed by a string key, e.g. a country code.</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>A grain addressed by an integer key, e.g. an AS number.</summary>
public interface IGrainWithIntegerKey : IGrain;
