using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Millwright.Controller.Devices;
using Millwright.Controller.Mqtt;
using Millwright.Controller.Storage;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Api;

/// <summary>The device registry over HTTP. Secrets are in a response exactly once: the one that issued them.</summary>
internal static class DeviceEndpoints
{
    internal static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/devices", async (DeviceRegistry registry, ConnectedDevices connected, CancellationToken ct) =>
            Results.Ok((await registry.ListAsync(ct).ConfigureAwait(false)).Select(o => new { o.Device, connected = connected.IsConnected(o.Device.DeviceId), o.Activity, o.Health, o.Watermarks })));

        api.MapGet("/devices/{id}", async (string id, DeviceRegistry registry, ConnectedDevices connected, CancellationToken ct) =>
            await Registry(async () =>
            {
                DeviceDetails details = await registry.ShowAsync(id, ct).ConfigureAwait(false);
                return Results.Ok(new { details.Overview.Device, connected = connected.IsConnected(id), details.Overview.Activity, details.Overview.Health, details.Overview.Watermarks, details.Gaps, details.Keys });
            }).ConfigureAwait(false));

        api.MapPost("/devices", async (AddDeviceRequest request, DeviceRegistry registry, IControllerStore store, CancellationToken ct) =>
            await Registry(async () =>
            {
                byte[]? imported = string.IsNullOrEmpty(request.Secret) ? null : DeviceSecret.Parse(System.Text.Encoding.ASCII.GetBytes(request.Secret));
                IssuedSecret issued = await registry.AddAsync(request.Id ?? string.Empty, imported, ct).ConfigureAwait(false);
                return Results.Created($"/api/devices/{issued.DeviceId}", IssuedSecretResponse.From(issued));
            }, conflict: async () => request.Id is not null && await store.GetDeviceAsync(request.Id, ct).ConfigureAwait(false) is not null).ConfigureAwait(false));

        api.MapPost("/devices/{id}/disable", async (string id, DeviceRegistry registry, IControllerLink link, CancellationToken ct) =>
            await Registry(async () =>
            {
                await registry.SetEnabledAsync(id, enabled: false, ct).ConfigureAwait(false);
                await link.DisconnectDeviceAsync(id).ConfigureAwait(false);
                return Results.NoContent();
            }).ConfigureAwait(false));

        api.MapPost("/devices/{id}/enable", async (string id, DeviceRegistry registry, CancellationToken ct) =>
            await Registry(async () =>
            {
                await registry.SetEnabledAsync(id, enabled: true, ct).ConfigureAwait(false);
                return Results.NoContent();
            }).ConfigureAwait(false));

        api.MapPost("/devices/{id}/rotate-key", async (string id, long? margin, DeviceRegistry registry, CancellationToken ct) =>
            await Registry(async () =>
                Results.Ok(IssuedSecretResponse.From(await registry.RotateKeyAsync(id, margin ?? KeyRotationPolicy.DefaultMargin, ct).ConfigureAwait(false))))
            .ConfigureAwait(false));

        api.MapPost("/devices/{id}/replace", async (string id, ReplaceDeviceRequest? request, DeviceRegistry registry, CancellationToken ct) =>
            await Registry(async () =>
            {
                byte[]? imported = string.IsNullOrEmpty(request?.Secret) ? null : DeviceSecret.Parse(System.Text.Encoding.ASCII.GetBytes(request.Secret));
                return Results.Ok(IssuedSecretResponse.From(await registry.ReplaceAsync(id, imported, ct).ConfigureAwait(false)));
            }).ConfigureAwait(false));
    }

    /// <summary>Runs a registry call; its refusals become 404 (unknown device), 409 (exists) or 400.</summary>
    private static async Task<IResult> Registry(Func<Task<IResult>> call, Func<Task<bool>>? conflict = null)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (DeviceRegistryException e)
        {
            int status = e.Message.StartsWith("no device", StringComparison.Ordinal) ? StatusCodes.Status404NotFound
                : conflict is not null && await conflict().ConfigureAwait(false) ? StatusCodes.Status409Conflict
                : StatusCodes.Status400BadRequest;
            return Results.Problem(statusCode: status, title: "Device registry", detail: e.Message);
        }
    }
}
