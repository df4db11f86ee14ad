using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Millwright.Controller.Anchoring;
using Millwright.Controller.Configuration;
using Millwright.Controller.Proofs.Bundles;
using Millwright.Controller.Proofs.Export;
using Millwright.Controller.Storage;

namespace Millwright.Controller.Api;

/// <summary>
/// Proof bundles (docs/verification.md), as `millwright proof` makes them: a frame by log index or by device, epoch
/// and sequence, and consistency between two tree sizes. A frame no anchored checkpoint covers yet is 409 unless
/// ?unanchored=true asks for a bundle against the current log head.
/// </summary>
internal static class ProofEndpoints
{
    internal static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/proofs/frames/{logIndex:long}", (long logIndex, bool? unanchored, [FromServices] IMerkleLogStore log,
            IOptions<ControllerOptions> controller, IOptions<AnchorOptions> anchoring, CancellationToken ct) =>
            RespondAsync(Builder(log, controller, anchoring).ForLogIndexAsync(logIndex, unanchored ?? false, ct)));
        api.MapGet("/devices/{id}/frames/{epoch:int}/{seq:long}/proof", (string id, int epoch, long seq, bool? unanchored,
            [FromServices] IMerkleLogStore log, IOptions<ControllerOptions> controller, IOptions<AnchorOptions> anchoring, CancellationToken ct) =>
            RespondAsync(Builder(log, controller, anchoring).ForDeviceFrameAsync(id, epoch, seq, unanchored ?? false, ct)));
        api.MapGet("/proofs/consistency", (long? from, long? to, [FromServices] IMerkleLogStore log,
            IOptions<ControllerOptions> controller, IOptions<AnchorOptions> anchoring, CancellationToken ct) =>
            from is { } older
                ? RespondAsync(Builder(log, controller, anchoring).ConsistencyAsync(older, to, ct))
                : Task.FromResult(Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "from",
                    detail: "pass from (the older tree size) and optionally to (default: the newest anchored checkpoint)")));
    }

    private static ProofBundleBuilder Builder(IMerkleLogStore log, IOptions<ControllerOptions> controller, IOptions<AnchorOptions> anchoring) =>
        new(log, new AnchorStateFiles(AnchorStateFiles.FolderOf(controller.Value.FullDataDirectory), anchoring.Value.ChainId));

    private static async Task<IResult> RespondAsync<T>(Task<T> building)
        where T : IProofBundle
    {
        try
        {
            // The bundle's own JSON form (hex byte strings), not the API's general serializer settings.
            return Results.Text(ProofBundleJson.Serialize(await building.ConfigureAwait(false)), "application/json");
        }
        catch (ProofUnavailableException e)
        {
            return Results.Problem(statusCode: StatusOf(e.Reason), title: TitleOf(e.Reason), detail: e.Message);
        }
    }

    private static int StatusOf(ProofUnavailableReason reason) => reason switch
    {
        ProofUnavailableReason.FrameNotFound => StatusCodes.Status404NotFound,
        ProofUnavailableReason.SizeOutOfRange => StatusCodes.Status400BadRequest,
        ProofUnavailableReason.NotYetAnchored or ProofUnavailableReason.ChainAmbiguous => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static string TitleOf(ProofUnavailableReason reason) => reason switch
    {
        ProofUnavailableReason.FrameNotFound => "No such frame",
        ProofUnavailableReason.SizeOutOfRange => "Tree size out of range",
        ProofUnavailableReason.NotYetAnchored => "Not anchored yet",
        ProofUnavailableReason.ChainAmbiguous => "Several chains",
        _ => "The log disagrees with its anchor",
    };
}
