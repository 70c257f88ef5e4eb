using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Alerts;

/// <summary>
/// POSTs one delivery: its JSON body, <c>X-Grid-Signature</c> and <c>Idempotency-Key</c>. The
/// <paramref name="http"/> client's handler must open connections through <see cref="WebhookConnector"/>
/// (<see cref="WebhookConnector.CreateHandler"/>): that is where the address is checked.
/// </summary>
public sealed class WebhookSender(HttpClient http, IOptions<AlertOptions> options)
{
    private readonly WebhookPorts _ports = WebhookPorts.Parse(options.Value.AllowedPorts);

    public const string SignatureHeader = "X-Grid-Signature";
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>Marks a request as a webhook delivery, so tracing shows its URL redacted (<see cref="WebhookUrl.Redact"/>).</summary>
    public static readonly HttpRequestOptionsKey<bool> WebhookRequest = new("grid.webhook");

    /// <summary>Null on a 2xx answer; otherwise why the attempt failed (never the secret or signature).</summary>
    public async Task<string?> SendAsync(AlertDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        using var span = AlertTelemetry.Source.StartActivity("alert delivery", System.Diagnostics.ActivityKind.Client);
        span?.SetTag("alert.delivery.id", delivery.Id);
        var error = await SendOnceAsync(delivery, cancellationToken);
        AlertTelemetry.Attempts.Add(1, new KeyValuePair<string, object?>("outcome", error is null ? "sent" : "failed"));
        if (error is not null)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, error);
        }

        return error;
    }

    private async Task<string?> SendOnceAsync(AlertDelivery delivery, CancellationToken cancellationToken)
    {
        // The URL's form again (a subscription stored before these rules); its addresses are judged as it connects.
        if (WebhookUrl.Problem(delivery.Url, _ports) is { } refused)
        {
            return refused;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(SignatureHeader, delivery.Signature);
        request.Headers.Add(IdempotencyHeader, delivery.Id);
        request.Options.Set(WebhookRequest, true);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.RequestTimeout);
        try
        {
            // Only the status matters: the body is never read, and disposing the response drops it.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (HttpRequestException ex) when (Refusal(ex) is { } refusal)
        {
            return "refused: " + refusal.Message;
        }
        catch (HttpRequestException ex)
        {
            return ex.HttpRequestError.ToString() + ": " + ex.Message;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {options.Value.RequestTimeout.TotalSeconds:0} s";
        }
    }

    private static WebhookTargetRefusedException? Refusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is WebhookTargetRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
