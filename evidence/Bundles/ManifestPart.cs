namespace Grid.Evidence.Bundles;

/// <summary>One file of a bundle as the manifest lists it: its path inside the bundle, SHA-256 and size.</summary>
public sealed record ManifestPart(string Name, string Sha256, long Bytes);
