using System.Globalization;
using System.Security;
using Grid.Grains.Detection;

namespace Grid.Silo.Api.V1.Badges;

/// <summary>
/// A flat two-part badge in the manner of shields.io ("internet in BY | disrupted"), drawn by
/// hand: a grey label, a coloured message, text widths estimated from an average glyph width of
/// Verdana 11 px, all text XML-escaped.
/// </summary>
internal static class StatusBadge
{
    private const double GlyphWidth = 6.6;
    private const int Padding = 10;

    public static (string Message, string Colour) Describe(DetectionLevel level) => level switch
    {
        DetectionLevel.Normal => ("normal", "#4c1"),
        DetectionLevel.Warning => ("disrupted", "#fe7d37"),
        DetectionLevel.Critical => ("down", "#e05d44"),
        _ => ("no data", "#9f9f9f"),
    };

    public static string Render(string label, DetectionLevel level)
    {
        var (message, colour) = Describe(level);
        var left = Width(label);
        var right = Width(message);
        var total = left + right;
        var l = SecurityElement.Escape(label);
        var m = SecurityElement.Escape(message);
        return string.Create(CultureInfo.InvariantCulture, $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" aria-label="{l}: {m}">
            <title>{l}: {m}</title>
            <linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
            <clipPath id="r"><rect width="{total}" height="20" rx="3" fill="#fff"/></clipPath>
            <g clip-path="url(#r)"><rect width="{left}" height="20" fill="#555"/><rect x="{left}" width="{right}" height="20" fill="{colour}"/><rect width="{total}" height="20" fill="url(#s)"/></g>
            <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
            <text x="{left / 2.0}" y="14">{l}</text><text x="{left + (right / 2.0)}" y="14">{m}</text>
            </g>
            </svg>
            """);
    }

    private static int Width(string text) => (int)Math.Ceiling(text.Length * GlyphWidth) + Padding;
}
