using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.State;
using Millwright.Controller.Hosting;
using Millwright.Controller.Ingest;
using Millwright.Controller.Mqtt;
using Millwright.Controller.Storage;

namespace Millwright.Controller.Api;

/// <summary>GET /health, without a token: whether the store answers and MQTT is up (200 when both are, else 503), and
/// how far anchoring has got (reported, but not part of the status: readings are stored and acked while a chain is
/// down, and anchored when it is back).</summary>
internal static class HealthEndpoint
{
    internal static async Task<IResult> GetAsync(
        IControllerStore store, IControllerLink link, ControllerReadiness readiness, IngestChannel queue, ConnectedDevices connected,
        AnchorStatus anchoring, IOptions<AnchorOptions> anchorOptions, CancellationToken cancellationToken)
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
            anchoring = Anchoring(anchoring, anchorOptions.Value),
        };
        return Results.Json(body, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static object Anchoring(AnchorStatus status, AnchorOptions options)
    {
        AnchorState? state = status.Current;
        return new
        {
            enabled = options.Enabled,
            chainId = state?.ChainId,
            contract = state?.ContractAddress,
            anchoredSize = state?.LatestAnchored?.Checkpoint.Size ?? 0,
            anchoredBlock = state?.LatestAnchored?.BlockNumber,
            phase = state?.Phase.ToString(),
            queued = state?.Queue.Count ?? 0,
            chainUnavailable = status.UnavailableReason,
            lastFailure = state?.LastFailure?.Reason,
        };
    }
}
