using System.Text;
using Grid.Client.Model;

namespace Grid.Cli.Rendering;

/// <summary>A signal's history in one line of block characters, scaled from zero to its maximum so a drop shows as a drop.</summary>
internal static class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    public static string Of(IReadOnlyList<SignalPoint> points, int width = 60)
    {
        if (points.Count == 0)
        {
            return Figures.None;
        }

        // The newest points, at most one character each.
        var shown = points.Skip(Math.Max(0, points.Count - width)).ToList();
        var max = Math.Max(1, shown.Max(p => p.Value));
        var line = new StringBuilder(shown.Count);
        foreach (var point in shown)
        {
            line.Append(Blocks[(int)Math.Round((double)Math.Max(0, point.Value) / max * (Blocks.Length - 1))]);
        }

        return line.ToString();
    }
}
