namespace Grid.Evidence.Bundles;

/// <summary>A file of a bundle: a relative path such as <c>bgp/updates.mrt</c> and its bytes.</summary>
public sealed record BundlePart(string Name, byte[] Content)
{
    /// <summary>Paths are relative, use '/', and never climb out of the bundle (a tar "zip slip").</summary>
    public static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 200
        && !name.StartsWith('/')
        && !name.Contains('\\', StringComparison.Ordinal)
        && name.Split('/').All(segment => segment.Length > 0 && segment != "." && segment != "..");
}
