using System.Text.Json.Serialization;

namespace Grid.Grains.Alerts;

/// <summary>
/// Where a delivery stands in its subscription's outbox. The API names them in lowercase
/// (<c>GET /v1/alerts?status=failed</c>); <c>grid_alert_deliveries</c> labels them sent, failed and queued.
/// </summary>
[GenerateSerializer, Alias("grid.AlertDeliveryStatus")]
[JsonConverter(typeof(JsonStringEnumConverter<AlertDeliveryStatus>))]
public enum AlertDeliveryStatus
{
    /// <summary>Stored and not yet answered with a 2xx: attempted again after its backoff.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending = 0,

    [JsonStringEnumMemberName("delivered")]
    Delivered = 1,

    /// <summary>
    /// A dead letter: every attempt (Grid:Alerts:MaxAttempts) failed, or the outbox held
    /// Grid:Alerts:MaxPending newer ones; <see cref="AlertDelivery.LastError"/> says which.
    /// </summary>
    [JsonStringEnumMemberName("failed")]
    Failed = 2,

    /// <summary>Pending when its subscription was deleted: never attempted again.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled = 3,
}
