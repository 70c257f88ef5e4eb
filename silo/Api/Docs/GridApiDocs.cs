using System.Reflection;

namespace Grid.Silo.Api.Docs;

/// <summary>
/// The API's own description: the OpenAPI document at <c>/openapi/v1.json</c> (generated from the
/// mapped endpoints, so it cannot drift from them) and <c>/docs</c>, a self-contained page that
/// renders it (no CDN: Grid runs where there is no internet).
/// </summary>
public static class GridApiDocs
{
    public const string DocumentName = "v1";

    public static WebApplicationBuilder AddGridApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer<ApiDocumentInfo>();
            options.AddOperationTransformer<ApiOperationResponses>();
            options.AddDocumentTransformer<ApiRequestExamples>();
            // Only the API itself: health, metrics and the demo's own endpoints are not part of it.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("v1/", StringComparison.Ordinal) == true;
        });
        return builder;
    }

    public static WebApplication MapGridApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").RequireCors(GridApi.ReadCorsPolicy);
        var page = ReadPage();
        app.MapGet("/docs", () => Results.Text(page, "text/html; charset=utf-8")).ExcludeFromDescription();
        return app;
    }

    private static string ReadPage()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Grid.Silo.Api.Docs.docs.html")
            ?? throw new InvalidOperationException("The /docs page is missing from the silo's resources (Api/Docs/docs.html).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
