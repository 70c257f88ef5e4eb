namespace Grid.Silo.Api.Caching;

public static class StatusCachingMetadata
{
    /// <summary>Documents the 304 a conditional request gets (see <see cref="CacheableResult"/>).</summary>
    public static RouteHandlerBuilder ProducesStatusCaching(this RouteHandlerBuilder builder) =>
        builder.Produces(StatusCodes.Status304NotModified);
}
