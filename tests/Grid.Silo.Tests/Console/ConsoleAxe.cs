using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Grid.Silo.Tests.Console;

/// <summary>Deque's axe-core on a console page: no serious or critical violation (issue 18).</summary>
internal static class ConsoleAxe
{
    public static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(serious.Count == 0, $"axe found in the {what}:\n" + string.Join("\n", serious));
    }
}
