using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Testing.Processes;
using Grid.Testing.Browser;
using Grid.Testing.Data;
using Grid.Testing.Silo;
using Microsoft.Playwright;

namespace Grid.Bench.WebConsole;

/// <summary>
/// <c>--only console</c>: the web console's first view of the world (issue 18: ≤ 300 KB, ≤ 1 s on
/// loopback with 250 countries). A silo replays RouteViews' 2002 RIB with the RIRs' geography, which
/// gives every country with address space a status (about 240); Debian's chromium then opens the
/// world view in a fresh context (empty cache) again and again, and each time counts the bytes it
/// received and the time from navigation start until the map's tiles are coloured on screen. The
/// reference, in the same run: HttpClient fetching the same URLs on a new connection (the page,
/// then the rest at once), which is what the transfer alone costs.
/// </summary>
internal static class ConsoleBenchmark
{
    private const long ByteGoal = 300 * 1024;
    private static readonly TimeSpan TimeGoal = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(bool quick, TextWriter progress)
    {
        await using var silo = await SiloProcess.StartAsync([], Rib2002Silo.Settings(Rib2002Silo.Rib));
        await Poll.UntilAsync("the 2002 RIB is replayed", async () =>
            (await silo.Http.GetFromJsonAsync<JsonElement>("/v1/feeds")).EnumerateArray().Any(f => f.GetProperty("state").GetString() == "finished"), TimeSpan.FromMinutes(5));
        var countries = (await silo.Http.GetFromJsonAsync<JsonElement>("/v1/countries")).GetArrayLength();
        progress.WriteLine($"console: the silo replayed the 2002 RIB; {countries} countries have a status");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DebianChromium.LaunchAsync(playwright);
        // One view first, so that the silo's and the browser's code paths are compiled.
        var warm = await FirstView.MeasureAsync(browser, silo.BaseAddress);
        var urls = warm.Requests.Select(r => r.Url).ToList();
        var views = new List<FirstView>();
        var fetches = new List<TimeSpan>();
        for (var i = 0; i < (quick ? 3 : 11); i++)
        {
            var view = await FirstView.MeasureAsync(browser, silo.BaseAddress);
            if (view.Tiles != countries)
            {
                throw new InvalidOperationException($"the map showed {view.Tiles} countries with a level, not {countries}");
            }

            views.Add(view);
            fetches.Add(await FetchAsync(silo.BaseAddress, urls));
            progress.WriteLine(Invariant($"  view {i + 1}: {view.Bytes:N0} bytes in {view.Requests.Count} requests, map coloured after {view.Rendered.TotalMilliseconds:F0} ms ({view.Wall.TotalMilliseconds:F0} ms seen from outside); HttpClient {fetches[^1].TotalMilliseconds:F0} ms"));
        }

        var rendered = Median(views.Select(v => v.Rendered));
        var fetched = Median(fetches);
        var bytes = views.Max(v => v.Bytes);
        Console.WriteLine(Invariant($"| console first view, {countries} countries ({System.Environment.ProcessorCount} cores shared by the silo and chromium) | Grid | reference | ratio |"));
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine(Invariant($"| world view until the map is coloured, median of {views.Count} (chromium, empty cache) | {rendered.TotalMilliseconds:F0} ms | HttpClient fetching the same {urls.Count} URLs: {fetched.TotalMilliseconds:F0} ms | {rendered / fetched:0.0} |"));
        Console.WriteLine(Invariant($"| bytes received (headers and bodies), largest | {bytes:N0} | | |"));
        Console.WriteLine();
        foreach (var request in views[0].Requests.OrderByDescending(r => r.Bytes))
        {
            Console.WriteLine(Invariant($"    {request.Bytes,9:N0} {request.Url}"));
        }

        Console.WriteLine(Invariant($"First view: {bytes / 1024.0:0.0} KB (goal ≤ 300 KB: {(bytes <= ByteGoal ? "met" : "missed")}), map coloured after {rendered.TotalMilliseconds:F0} ms (goal ≤ 1 s: {(rendered <= TimeGoal ? "met" : "missed")})."));
    }

    /// <summary>What the transfer alone takes: the page, then every other URL of the first view at once, on a new connection.</summary>
    private static async Task<TimeSpan> FetchAsync(Uri baseAddress, IReadOnlyList<string> urls)
    {
        using var http = new HttpClient(new SocketsHttpHandler()) { BaseAddress = baseAddress };
        var clock = Stopwatch.StartNew();
        using (var page = new HttpRequestMessage(HttpMethod.Get, "/"))
        {
            page.Headers.Accept.ParseAdd("text/html");
            using var response = await http.SendAsync(page);
            await response.Content.ReadAsByteArrayAsync();
        }

        await Task.WhenAll(urls.Where(u => u != "/").Select(u => http.GetByteArrayAsync(u)));
        return clock.Elapsed;
    }

    private static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
