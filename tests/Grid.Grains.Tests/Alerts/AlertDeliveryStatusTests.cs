using System.Text.Json;
using Grid.Grains.Alerts;

namespace Grid.Grains.Tests.Alerts;

/// <summary><c>GET /v1/alerts</c> names a delivery's status in lowercase, as it always has.</summary>
public sealed class AlertDeliveryStatusTests
{
    [Theory]
    [InlineData(AlertDeliveryStatus.Pending, "pending")]
    [InlineData(AlertDeliveryStatus.Delivered, "delivered")]
    [InlineData(AlertDeliveryStatus.Failed, "failed")]
    public void AStatusIsItsLowercaseNameInJson(AlertDeliveryStatus status, string name)
    {
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(status, JsonSerializerOptions.Web));
        Assert.Equal(status, JsonSerializer.Deserialize<AlertDeliveryStatus>($"\"{name}\"", JsonSerializerOptions.Web));
    }

    [Fact]
    public void ANewDeliveryIsPending()
    {
        Assert.Equal(AlertDeliveryStatus.Pending, new AlertDelivery().Status);
    }
}
