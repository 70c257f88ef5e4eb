using System.Text.Json;

namespace Grid.Cli.Rendering;

/// <summary><c>--json</c>: what the server sent, in its own camelCase shapes, for scripts (jq) rather than eyes.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Write<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Options));
}
