using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Grid.Silo.Api.Docs;

/// <summary>Examples of request bodies, set on the finished document (see <see cref="ApiOperationResponses"/>).</summary>
internal sealed class ApiRequestExamples : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (_, operation) in item.Operations ?? [])
            {
                foreach (var (_, content) in operation.RequestBody?.Content ?? new Dictionary<string, OpenApiMediaType>())
                {
                    if (content is OpenApiMediaType media)
                    {
                        media.Example ??= ApiExamples.Request(path);
                    }
                }
            }
        }

        return Task.CompletedTask;
    }
}
