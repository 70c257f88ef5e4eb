using Microsoft.AspNetCore.Diagnostics;

namespace Grid.Silo.Api;

/// <summary>
/// Turns the framework's binding failures (a query value of the wrong type, an unreadable JSON
/// body, a wrong Content-Type) into problem+json that names what was wrong, instead of an empty 400.
/// </summary>
internal sealed class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status415UnsupportedMediaType ? "Unsupported content type" : "Bad request",
                Detail = $"{bad.Message} See /openapi/v1.json for what this endpoint takes.",
            },
        });
    }
}
