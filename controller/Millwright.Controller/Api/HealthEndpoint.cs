using Microsoft.AspNetCore.Http;
using Millwright.Controller.Hosting;
using Millwright.Controller.Ingest;
using Millwright.Controller.Mqtt;
using Millwright.Controller.Storage;

namespace Millwright.Controller.Api;

/// <summary>GET /health, without a token: whether the store answers and MQTT is up. 200 when both are, else 503.</summary>
internal static class HealthEndpoint
{
    internal static async Task<IResult> GetAsync(
        IControllerStore store, IControllerLink link, ControllerReadiness readiness, IngestChannel queue, ConnectedDevices connected, CancellationToken cancellationToken)
    {
        object storeState;
        bool storeOk = false;
        if (!readiness.StoreReady)
        {
            storeState = new { ok = false, error = "starting" };
        }
        else
        {
            try
            {
                long frames = await store.CountFramesAsync(cancellationToken).ConfigureAwait(false);
                storeState = new { ok = true, frames };
                storeOk = true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                storeState = new { ok = false, error = e.Message };
            }
        }

        bool healthy = storeOk && link.IsConnected;
        var body = new
        {
            status = healthy ? "ok" : "degraded",
            store = storeState,
            mqtt = new { broker = link.Description, connected = link.IsConnected },
            ingest = new { queueDepth = queue.Depth },
            connectedDevices = connected.Count,
        };
        return Results.Json(body, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
