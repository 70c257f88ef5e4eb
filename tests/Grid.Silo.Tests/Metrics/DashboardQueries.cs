using System.Text.Json;
using System.Text.RegularExpressions;
using Grid.Testing.Data;

namespace Grid.Silo.Tests.Metrics;

/// <summary>Every PromQL expression Grid ships: dashboard panel targets and annotations in k8s/dashboards, and rule expressions in k8s/prometheus.</summary>
internal static partial class DashboardQueries
{
    public static string DashboardsDirectory => Path.Combine(SharedData.RepositoryRoot, "k8s", "dashboards");

    /// <summary>The dashboard of a country's regions, which a silo with region data fills (the demo has none).</summary>
    public const string RegionDashboard = "grid-regions.json";

    /// <summary>The expressions of every dashboard whose file name <paramref name="which"/> takes (all by default).</summary>
    public static IEnumerable<(string Where, string Expr)> Dashboards(Func<string, bool>? which = null)
    {
        foreach (var file in Directory.GetFiles(DashboardsDirectory, "*.json").Order(StringComparer.Ordinal).Where(f => which?.Invoke(Path.GetFileName(f)) ?? true))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var name = Path.GetFileName(file);
            foreach (var panel in json.RootElement.GetProperty("panels").EnumerateArray())
            {
                if (!panel.TryGetProperty("targets", out var targets))
                {
                    continue;
                }

                foreach (var target in targets.EnumerateArray().Where(t => t.TryGetProperty("expr", out _)))
                {
                    yield return ($"{name} panel '{panel.GetProperty("title").GetString()}' {target.GetProperty("refId").GetString()}", target.GetProperty("expr").GetString()!);
                }
            }

            if (json.RootElement.TryGetProperty("annotations", out var annotations))
            {
                foreach (var annotation in annotations.GetProperty("list").EnumerateArray().Where(a => a.TryGetProperty("expr", out _)))
                {
                    yield return ($"{name} annotation '{annotation.GetProperty("name").GetString()}'", annotation.GetProperty("expr").GetString()!);
                }
            }
        }
    }

    /// <summary>The rules file keeps each expression on one line, so a line match finds them all.</summary>
    public static IEnumerable<(string Where, string Expr)> Rules(string rulesFile) =>
        File.ReadAllLines(rulesFile).Select(line => RuleExpr().Match(line)).Where(m => m.Success)
            .Select((m, i) => ($"{Path.GetFileName(rulesFile)} expr #{i + 1}", m.Groups[1].Value.Trim()));

    /// <summary>Grafana's variables, as the demo fills them.</summary>
    public static string Substitute(string expr, IReadOnlyDictionary<string, string> variables) =>
        variables.Aggregate(expr, (text, v) => text.Replace("$" + v.Key, v.Value, StringComparison.Ordinal));

    [GeneratedRegex(@"^\s+expr:\s*(.+)$")]
    private static partial Regex RuleExpr();
}
