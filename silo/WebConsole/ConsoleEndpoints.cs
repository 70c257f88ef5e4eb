using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Grid.Silo.WebConsole;

/// <summary>
/// The web console (issue 18): a browser asking for <c>/</c> gets the console's page; any other
/// client keeps today's JSON from <see cref="Api.SiloInfoEndpoint"/>. The page's script and style
/// are served under <c>/console/</c>.
/// </summary>
/// <remarks>
/// The files are plain <c>EmbeddedResource</c>s read once at start, as <c>/docs</c> is, rather than
/// through ManifestEmbeddedFileProvider: that needs a package this project's NuGet copy may lack,
/// and a dozen small files (the page, its style, its ES modules, the tile layout, the widget) need
/// no file provider. The silo stays one self-contained binary, with no wwwroot to ship beside it and
/// no Node build step: browsers load the modules as they are.
/// </remarks>
public static class ConsoleEndpoints
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
    };

    public static WebApplication MapGridConsole(this WebApplication app)
    {
        var files = ReadFiles();
        var page = files["index.html"];

        // Routing has already picked SiloInfoEndpoint for "/"; this runs before it executes, so a
        // browser (which lists text/html in Accept) is answered here and every other client is not.
        app.Use(async (http, next) =>
        {
            if (http.Request.Path == "/" && HttpMethods.IsGet(http.Request.Method) && WantsHtml(http.Request))
            {
                await page.WriteAsync(http);
                return;
            }

            await next(http);
        });

        app.MapGet("/console/{file}", (string file, HttpContext http) =>
            files.TryGetValue(file, out var content) && file != "index.html"
                ? content.WriteAsync(http)
                : Results.NotFound().ExecuteAsync(http))
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>True when the client names text/html in Accept, as browsers do for a page; curl's */* does not.</summary>
    internal static bool WantsHtml(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var types)
        && types.Any(t => t.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && t.Quality is not 0);

    private static Dictionary<string, ConsoleFile> ReadFiles()
    {
        const string prefix = "Grid.Silo.WebConsole.wwwroot.";
        var assembly = Assembly.GetExecutingAssembly();
        var files = new Dictionary<string, ConsoleFile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var file = name[prefix.Length..];
            var bytes = memory.ToArray();
            files[file] = new ConsoleFile(bytes, ContentTypes.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream"),
                "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");
        }

        return files.ContainsKey("index.html")
            ? files
            : throw new InvalidOperationException("The console is missing from the silo's resources (WebConsole/wwwroot/index.html): rebuild the silo.");
    }

    /// <summary>One embedded file, with an ETag of its content so a reload costs a 304.</summary>
    private sealed record ConsoleFile(byte[] Bytes, string ContentType, string ETag)
    {
        public Task WriteAsync(HttpContext http)
        {
            http.Response.Headers.ETag = ETag;
            http.Response.Headers.CacheControl = "no-cache";
            if (http.Request.Headers.IfNoneMatch == ETag)
            {
                http.Response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            http.Response.ContentType = ContentType;
            http.Response.ContentLength = Bytes.Length;
            return http.Response.Body.WriteAsync(Bytes).AsTask();
        }
    }
}
