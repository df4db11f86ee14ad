using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Millwright.Controller.Ingest;
using Millwright.Controller.Storage;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Api;

/// <summary>Readings, quarantine and gaps, keyset-paged: each page says where the next one starts ("next").</summary>
internal static class QueryEndpoints
{
    internal static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/devices/{id}/readings", GetReadingsAsync);
        api.MapGet("/quarantine", GetQuarantineAsync);
        api.MapGet("/gaps", GetGapsAsync);
    }

    private static async Task<IResult> GetReadingsAsync(
        string id, int? channel, string? from, string? to, string? after, int? limit, IControllerStore store, CancellationToken ct)
    {
        if (!QueryParameters.TryTime(from, 0, out long fromMicros, out string? error) ||
            !QueryParameters.TryTime(to, long.MaxValue, out long toMicros, out error))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "from/to", detail: error);
        }

        if (!QueryParameters.TryCursor(after, out ReadingCursor? cursor))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "after", detail: "pass the 'next' value of the previous page");
        }

        if (await store.GetDeviceAsync(id, ct).ConfigureAwait(false) is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Device registry", detail: $"no device '{id}'");
        }

        ReadingsPage page = await store.GetReadingsAsync(
            new ReadingsQuery(id, fromMicros, toMicros, QueryParameters.Limit(limit, 1000, 10_000)) { ChannelId = channel, After = cursor }, ct)
            .ConfigureAwait(false);
        return Results.Ok(new
        {
            deviceId = id,
            items = page.Items.Select(r => new
            {
                channel = r.ChannelId,
                time = DateTimeOffset.UnixEpoch.AddTicks(r.TimeMicros * 10),
                timeMicros = r.TimeMicros,
                value = r.Value,
                r.Epoch,
                r.Sequence,
                r.LogIndex,
            }),
            next = page.Next is { } next ? QueryParameters.Cursor(next) : null,
        });
    }

    private static async Task<IResult> GetQuarantineAsync(
        string? reason, string? device, long? after, int? limit, IControllerStore store, CancellationToken ct)
    {
        QuarantineReason? parsed = null;
        if (!string.IsNullOrEmpty(reason))
        {
            if (!QuarantineReasons.TryParse(reason, out QuarantineReason value))
            {
                string known = string.Join(", ", Enum.GetValues<QuarantineReason>().Select(QuarantineReasons.Name));
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "reason", detail: $"'{reason}' is not one of {known}");
            }

            parsed = value;
        }

        QuarantinePage page = await store.GetQuarantineAsync(
            new QuarantineQuery(QueryParameters.Limit(limit, 100, 1000)) { Reason = parsed, DeviceId = device, BeforeId = after }, ct)
            .ConfigureAwait(false);
        return Results.Ok(new
        {
            items = page.Items.Select(q => new
            {
                q.Id,
                q.ReceivedAt,
                q.Topic,
                q.DeviceId,
                reason = QuarantineReasons.Name(q.Reason),
                protocolError = q.ProtocolError?.ToString(),
                q.Detail,
                rawHex = Convert.ToHexStringLower(q.RawMessage),
                q.OriginalLength,
            }),
            next = page.NextBeforeId,
        });
    }

    private static async Task<IResult> GetGapsAsync(string? device, IControllerStore store, CancellationToken ct)
    {
        IEnumerable<string> ids = string.IsNullOrEmpty(device)
            ? (await store.ListDevicesAsync(ct).ConfigureAwait(false)).Select(d => d.DeviceId)
            : [device];
        var result = new List<object>();
        foreach (string id in ids)
        {
            DeviceGaps gaps = await store.GetGapsAsync(id, ct).ConfigureAwait(false);
            result.Add(new { deviceId = id, open = gaps.Open, declared = gaps.Declared });
        }

        return Results.Ok(result);
    }
}
