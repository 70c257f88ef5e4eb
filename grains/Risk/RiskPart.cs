namespace Grid.Grains.Risk;

/// <summary>One part of a risk score: its name, the points it gave out of its most, why in words, and the STOP rows or Grid events it rests on.</summary>
public sealed record RiskPart(string Name, int Points, int Maximum, string Reason, IReadOnlyList<string> Cited);
