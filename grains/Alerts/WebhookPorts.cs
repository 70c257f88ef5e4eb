using System.Globalization;

namespace Grid.Grains.Alerts;

/// <summary>
/// The TCP ports a webhook may use (<c>Grid:Alerts:AllowedPorts</c>): ports and ranges separated by
/// commas, such as <c>80,443,8443</c> or <c>1024-65535</c>. Web ports only by default, so that a
/// subscription cannot aim Grid at a mail server, a database or Redis on 6379 of a public host.
/// </summary>
public sealed class WebhookPorts
{
    public const string Default = "80,443";

    private readonly (int First, int Last)[] _ranges;

    private WebhookPorts((int First, int Last)[] ranges, string text)
    {
        _ranges = ranges;
        Text = text;
    }

    /// <summary>The setting as written, for messages.</summary>
    public string Text { get; }

    public bool Allows(int port) => _ranges.Any(r => port >= r.First && port <= r.Last);

    public static WebhookPorts Parse(string? text) =>
        TryParse(text, out var ports, out var problem) ? ports : throw new FormatException(problem);

    /// <summary>Null <paramref name="text"/> or blank means <see cref="Default"/>.</summary>
    public static bool TryParse(string? text, out WebhookPorts ports, out string? problem)
    {
        var written = string.IsNullOrWhiteSpace(text) ? Default : text.Trim();
        var ranges = new List<(int, int)>();
        foreach (var part in written.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length > 2 || !TryPort(bounds[0], out var first) || !TryPort(bounds[^1], out var last) || last < first)
            {
                ports = new WebhookPorts([], written);
                problem = $"Grid:Alerts:AllowedPorts '{written}': '{part}' is not a port (1-65535) or a range such as 8000-8999.";
                return false;
            }

            ranges.Add((first, last));
        }

        ports = new WebhookPorts([.. ranges], written);
        problem = ranges.Count == 0 ? $"Grid:Alerts:AllowedPorts '{written}' names no port; leave it out for {Default}." : null;
        return problem is null;
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;
}
