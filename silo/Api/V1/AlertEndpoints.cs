using System.ComponentModel;
using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Silo.Api.Auth;

namespace Grid.Silo.Api.V1;

/// <summary><c>GET /v1/alerts?status=pending|delivered|failed|cancelled</c>: the outbox; failed ones are the dead letters. Admin scope; URLs redacted.</summary>
public static class AlertEndpoints
{
    public static WebApplication MapGridAlerts(this WebApplication app)
    {
        app.MapGroup("/v1").MapGet("/alerts", ListAsync).RequireScope(ApiScopes.Admin)
            .WithTags("Alerts")
            .WithSummary("Alert deliveries (the outbox)")
            .WithDescription("Webhook deliveries with their status (pending, delivered, failed: failed ones are the dead letters, cancelled: pending when their subscription was deleted), attempts and last error; URLs are redacted and signatures left out.")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<IResult> ListAsync([Description("pending, delivered, failed (the dead letters) or cancelled (pending when their subscription was deleted); all by default.")] string? status, IGrainFactory grains)
    {
        AlertDeliveryStatus? wanted = status switch
        {
            "pending" => AlertDeliveryStatus.Pending,
            "delivered" => AlertDeliveryStatus.Delivered,
            "failed" => AlertDeliveryStatus.Failed,
            "cancelled" => AlertDeliveryStatus.Cancelled,
            _ => null,
        };
        if (status is not null && wanted is null)
        {
            return ApiProblems.BadRequest("Bad status", $"status '{status}' is unknown: use pending, delivered, failed or cancelled.");
        }

        var deliveries = await grains.GetGrain<IAlertGrain>(AnomalyStream.Key).List(wanted);
        // The body is what the receiver got; the signature is left out (it is only useful with the secret).
        return Results.Ok(deliveries.Select(d => new
        {
            d.Id,
            Subscription = d.SubscriptionId,
            Anomaly = d.AnomalyId,
            d.Entity,
            d.Level,
            d.Tags,
            Url = WebhookUrl.Redact(d.Url),
            d.Status,
            d.Attempts,
            d.CreatedAt,
            d.NextAttemptAt,
            d.DeliveredAt,
            d.LastError,
        }));
    }
}
