using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Millwright.Controller.Provisioning;

/// <summary>The registry over the controller's HTTP API (docs: API), with the operator's bearer token.</summary>
public sealed class ApiRegistryAccess : IRegistryAccess
{
    private readonly HttpClient _http;

    public ApiRegistryAccess(Uri controller, string token, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = controller;
        _http.Timeout = TimeSpan.FromSeconds(30);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public string Description => "controller API at " + _http.BaseAddress;

    public async Task<RegistryDevice?> FindAsync(string deviceId, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, $"api/devices/{Uri.EscapeDataString(deviceId)}", null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        using JsonDocument json = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        JsonElement root = json.RootElement;
        JsonElement device = root.GetProperty("device");
        var active = new List<string>();
        string current = string.Empty;
        int epoch = device.GetProperty("currentEpoch").GetInt32();
        int generation = device.GetProperty("currentGeneration").GetInt32();
        foreach (JsonElement key in root.GetProperty("keys").EnumerateArray())
        {
            string id = key.GetProperty("keyIdHex").GetString() ?? string.Empty;
            if (key.GetProperty("state").GetString() == "active")
            {
                active.Add(id);
            }

            if (key.GetProperty("generation").GetInt32() == generation)
            {
                current = id;
            }
        }

        long frames = 0, last = 0;
        if (root.TryGetProperty("activity", out JsonElement activity) && activity.ValueKind == JsonValueKind.Object)
        {
            frames = activity.GetProperty("framesStored").GetInt64();
            last = activity.GetProperty("lastSequence").GetInt64();
        }

        return new RegistryDevice(deviceId, device.GetProperty("enabled").GetBoolean(), epoch, current, active, frames, last);
    }

    public Task<IssuedKey> AddAsync(string deviceId, byte[] secret, CancellationToken cancellationToken) =>
        IssueAsync("api/devices", new { id = deviceId, secret = Convert.ToHexStringLower(secret) }, secret, cancellationToken);

    public Task<IssuedKey> ReplaceAsync(string deviceId, byte[] secret, CancellationToken cancellationToken) =>
        IssueAsync($"api/devices/{Uri.EscapeDataString(deviceId)}/replace", new { secret = Convert.ToHexStringLower(secret) }, secret, cancellationToken);

    public Task<IssuedKey> RotateAsync(string deviceId, CancellationToken cancellationToken) =>
        IssueAsync($"api/devices/{Uri.EscapeDataString(deviceId)}/rotate-key", null, null, cancellationToken);

    public async Task<bool?> IsConnectedAsync(string deviceId, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, $"api/devices/{Uri.EscapeDataString(deviceId)}", null, cancellationToken).ConfigureAwait(false);
        using JsonDocument json = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        return json.RootElement.GetProperty("connected").GetBoolean();
    }

    public async Task<IReadOnlyList<QuarantineNote>> RecentQuarantineAsync(string deviceId, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, $"api/quarantine?device={Uri.EscapeDataString(deviceId)}&limit=20", null, cancellationToken).ConfigureAwait(false);
        using JsonDocument json = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        return [.. json.RootElement.GetProperty("items").EnumerateArray().Select(i => new QuarantineNote(i.GetProperty("id").GetInt64(), i.GetProperty("reason").GetString() ?? string.Empty))];
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<IssuedKey> IssueAsync(string path, object? body, byte[]? imported, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Post, path, body, cancellationToken).ConfigureAwait(false);
        using JsonDocument json = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        JsonElement root = json.RootElement;
        byte[] secret = imported is not null ? (byte[])imported.Clone() : Convert.FromHexString(root.GetProperty("secret").GetString() ?? string.Empty);
        return new IssuedKey(root.GetProperty("generation").GetInt32(), root.GetProperty("epoch").GetInt32(), root.GetProperty("keyId").GetString() ?? string.Empty, secret);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        try
        {
            return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new ProvisioningException(ProvisioningStep.Registry, $"the controller at {_http.BaseAddress} cannot be reached: {e.Message}",
                "check --controller (the controller's URL) and the laptop's network; or run on the plant server with --data-dir");
        }
    }

    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new ProvisioningException(ProvisioningStep.Registry, "the controller refused the API token (401)",
                "use the operator token printed at the controller's first start (--token-file or MILLWRIGHT_API_TOKEN)");
        }

        if (!response.IsSuccessStatusCode)
        {
            string detail = string.Empty;
            try
            {
                using JsonDocument problem = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
                detail = problem.RootElement.TryGetProperty("detail", out JsonElement d) ? d.GetString() ?? string.Empty : string.Empty;
            }
            catch (JsonException)
            {
            }

            throw new ProvisioningException(ProvisioningStep.Registry, $"the registry refused: {(int)response.StatusCode} {detail}".TrimEnd(),
                "see the message; `millwright device show <id>` on the plant server shows the device's keys");
        }

        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
