using System.Text.Json.Nodes;
using Grid.Silo.Api.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Grid.Silo.Api.Docs;

/// <summary>
/// What every operation shares but the endpoint metadata cannot say: 401/403 and the security
/// requirement of keyed endpoints, 429 with Retry-After, problem+json examples on errors, and the
/// response examples of <see cref="ApiExamples"/>
/// (request bodies are inferred after operation transformers run; <see cref="ApiRequestExamples"/> does those).
/// </summary>
internal sealed class ApiOperationResponses : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Responses ??= [];
        var scope = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiredScope>().LastOrDefault();
        if (scope is not null)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocumentInfo.KeyScheme, context.Document)] = [scope.Scope] }];
            AddProblem(operation, "401", "No API key, or one this server does not know.");
            AddProblem(operation, "403", $"The key lacks the '{scope.Scope}' scope.");
            operation.Description += $"\n\nNeeds an API key with the `{scope.Scope}` scope.";
        }

        AddProblem(operation, "429", "Over the rate limit: retry after the number of seconds in Retry-After.");
        if (operation.Responses["429"] is OpenApiResponse tooMany)
        {
            tooMany.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait (RFC 9110 §10.2.3).", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            };
        }

        var route = "/" + context.Description.RelativePath;
        foreach (var (status, response) in operation.Responses)
        {
            if (response.Content is null)
            {
                continue;
            }

            foreach (var (mediaType, content) in response.Content)
            {
                if (content is OpenApiMediaType media && media.Example is null)
                {
                    media.Example = mediaType.Contains("problem", StringComparison.Ordinal)
                        ? ApiExamples.Problem(status, response.Description, route)
                        : ApiExamples.For(context.Description.HttpMethod ?? "GET", route, status, mediaType);
                }
            }
        }

        return Task.CompletedTask;
    }

    private static void AddProblem(OpenApiOperation operation, string status, string description)
    {
        if (operation.Responses!.ContainsKey(status))
        {
            return;
        }

        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Example = ApiExamples.Problem(status, description) },
            },
        };
    }
}
