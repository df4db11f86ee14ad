using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Millwright.Controller.Tests.Infrastructure;

namespace Millwright.Controller.Tests.Api;

/// <summary>The HTTP API over real Kestrel on loopback, with and without the bearer token.</summary>
public sealed class ApiTests : IAsyncLifetime
{
    private RunningController _controller = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _controller = await RunningController.StartAsync();

    public ValueTask DisposeAsync() => _controller.DisposeAsync();

    [Fact]
    public async Task Health_needs_no_token_and_reports_store_and_broker()
    {
        using HttpClient http = _controller.Http();

        using HttpResponseMessage response = await http.GetAsync(new Uri("/health", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("store").GetProperty("ok").GetBoolean());
        Assert.True(body.GetProperty("mqtt").GetProperty("connected").GetBoolean());
    }

    [Theory]
    [InlineData("GET", "/api/devices")]
    [InlineData("GET", "/api/devices/press-01")]
    [InlineData("GET", "/api/devices/press-01/readings")]
    [InlineData("GET", "/api/quarantine")]
    [InlineData("GET", "/api/gaps")]
    [InlineData("POST", "/api/devices")]
    [InlineData("POST", "/api/devices/press-01/disable")]
    [InlineData("POST", "/api/devices/press-01/enable")]
    [InlineData("POST", "/api/devices/press-01/rotate-key")]
    [InlineData("POST", "/api/devices/press-01/replace")]
    [InlineData("POST", "/api/tokens/rotate")]
    public async Task Every_api_route_needs_the_token(string method, string path)
    {
        using HttpClient anonymous = _controller.Http();
        using HttpClient wrong = _controller.Http("mwt_" + new string('A', 43));

        foreach (HttpClient client in new[] { anonymous, wrong })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { id = "press-01" }) : null };
            using HttpResponseMessage response = await client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }

        Assert.Empty(await _controller.Store.ListDevicesAsync(Ct));
    }

    [Fact]
    public async Task Adding_a_device_shows_its_secret_once_and_the_device_can_then_deliver()
    {
        using HttpClient http = _controller.Http(_controller.Token);

        using HttpResponseMessage created = await http.PostAsJsonAsync("/api/devices", new { id = "press-01" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        JsonElement issued = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        string secretHex = issued.GetProperty("secret").GetString()!;
        Assert.Equal(64, secretHex.Length);

        string listed = await http.GetStringAsync(new Uri("/api/devices", UriKind.Relative), Ct);
        string shown = await http.GetStringAsync(new Uri("/api/devices/press-01", UriKind.Relative), Ct);
        Assert.DoesNotContain(secretHex, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secretHex, shown, StringComparison.Ordinal);
        Assert.Contains("\"deviceId\":\"press-01\"", listed, StringComparison.Ordinal);

        using HttpResponseMessage again = await http.PostAsJsonAsync("/api/devices", new { id = "press-01" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var device = new TestDevice(RunningController.Plant, "press-01", Convert.FromHexString(secretHex));
        Assert.Equal(device.Keys.MqttPassword, issued.GetProperty("mqttPassword").GetString());
        await using DeviceConnection connection = await DeviceConnection.ConnectAsync(device, _controller.MqttPort);
        DateTimeOffset start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        for (int seq = 1; seq <= 5; seq++)
        {
            await connection.PublishAsync(device.FramesTopic, device.Frame(seq, DateTimeOffset.UtcNow.AddSeconds(-60 + seq), Millwright.Protocol.Messages.TimeQuality.Sntp));
        }

        await connection.WaitForAckAsync(5);

        JsonElement page1 = await http.GetFromJsonAsync<JsonElement>("/api/devices/press-01/readings?channel=1&limit=3", Ct);
        Assert.Equal(3, page1.GetProperty("items").GetArrayLength());
        string next = page1.GetProperty("next").GetString()!;
        JsonElement page2 = await http.GetFromJsonAsync<JsonElement>($"/api/devices/press-01/readings?channel=1&limit=3&after={next}", Ct);
        Assert.Equal(2, page2.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("next").ValueKind);
        Assert.Equal(4, page2.GetProperty("items")[0].GetProperty("sequence").GetInt64());

        JsonElement ranged = await http.GetFromJsonAsync<JsonElement>($"/api/devices/press-01/readings?from={Uri.EscapeDataString(start.AddYears(10).ToString("O", System.Globalization.CultureInfo.InvariantCulture))}", Ct);
        Assert.Equal(0, ranged.GetProperty("items").GetArrayLength());
        using HttpResponseMessage badTime = await http.GetAsync(new Uri("/api/devices/press-01/readings?from=yesterday", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badTime.StatusCode);
        using HttpResponseMessage unknown = await http.GetAsync(new Uri("/api/devices/ghost/readings", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Disable_enable_rotate_and_replace()
    {
        using HttpClient http = _controller.Http(_controller.Token);
        (await http.PostAsJsonAsync("/api/devices", new { id = "mixer-01" }, Ct)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync(new Uri("/api/devices/mixer-01/disable", UriKind.Relative), null, Ct)).StatusCode);
        Assert.False((await _controller.Store.GetDeviceAsync("mixer-01", Ct))!.Enabled);
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync(new Uri("/api/devices/mixer-01/enable", UriKind.Relative), null, Ct)).StatusCode);
        Assert.True((await _controller.Store.GetDeviceAsync("mixer-01", Ct))!.Enabled);

        JsonElement rotated = await (await http.PostAsync(new Uri("/api/devices/mixer-01/rotate-key?margin=50", UriKind.Relative), null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(2, rotated.GetProperty("generation").GetInt32());
        Assert.Equal(1, rotated.GetProperty("epoch").GetInt32());
        Assert.Equal(50, rotated.GetProperty("cutOverSequence").GetInt64());

        using HttpResponseMessage replaced = await http.PostAsJsonAsync("/api/devices/mixer-01/replace", new { }, Ct);
        JsonElement replacement = await replaced.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(2, replacement.GetProperty("epoch").GetInt32());

        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync(new Uri("/api/devices/ghost/disable", UriKind.Relative), null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("/api/devices", new { id = "Bad Id" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Rotating_the_token_retires_the_old_one()
    {
        string first = _controller.Token;
        using HttpClient old = _controller.Http(first);

        JsonElement rotated = await (await old.PostAsync(new Uri("/api/tokens/rotate", UriKind.Relative), null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        string second = rotated.GetProperty("token").GetString()!;

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync(new Uri("/api/devices", UriKind.Relative), Ct)).StatusCode);
        using HttpClient fresh = _controller.Http(second);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync(new Uri("/api/devices", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task Quarantine_and_gaps_are_listed_and_metrics_have_every_series()
    {
        var device = new TestDevice(RunningController.Plant, "press-02");
        await _controller.AddAsync(device);
        await using DeviceConnection connection = await DeviceConnection.ConnectAsync(device, _controller.MqttPort);
        await connection.PublishFrameAsync(1, DateTimeOffset.UtcNow);
        await connection.PublishFrameAsync(3, DateTimeOffset.UtcNow);
        await connection.PublishAsync(device.FramesTopic, device.ForgedFrame(4, DateTimeOffset.UtcNow));
        await connection.PublishAsync(device.FramesTopic, device.Frame(5, DateTimeOffset.UtcNow.AddDays(1)));
        using HttpClient http = _controller.Http(_controller.Token);

        JsonElement quarantine = default;
        await Eventually.TrueAsync(async () =>
        {
            quarantine = await http.GetFromJsonAsync<JsonElement>("/api/quarantine", Ct);
            return quarantine.GetProperty("items").GetArrayLength() == 2;
        }, "two quarantined messages");
        JsonElement badMac = await http.GetFromJsonAsync<JsonElement>("/api/quarantine?reason=bad-mac", Ct);
        Assert.Equal("bad-mac", badMac.GetProperty("items").EnumerateArray().Single().GetProperty("reason").GetString());
        JsonElement onePage = await http.GetFromJsonAsync<JsonElement>("/api/quarantine?limit=1", Ct);
        long next = onePage.GetProperty("next").GetInt64();
        JsonElement secondPage = await http.GetFromJsonAsync<JsonElement>($"/api/quarantine?limit=1&after={next}", Ct);
        Assert.Single(secondPage.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(new Uri("/api/quarantine?reason=nonsense", UriKind.Relative), Ct)).StatusCode);

        await Eventually.TrueAsync(async () => await _controller.Store.CountFramesAsync(Ct) == 2, "frames 1 and 3 stored");
        JsonElement gaps = await http.GetFromJsonAsync<JsonElement>("/api/gaps?device=press-02", Ct);
        JsonElement open = gaps[0].GetProperty("open").EnumerateArray().Single();
        Assert.Equal(2, open.GetProperty("first").GetInt64());
        Assert.Equal(2, open.GetProperty("last").GetInt64());

        using HttpClient anonymous = _controller.Http();
        string metrics = await anonymous.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct);
        string[] lines = metrics.Split('\n');
        Assert.Contains("millwright_frames_received_total 4", lines);
        Assert.Contains("millwright_frames_stored_total 2", lines);
        Assert.Contains("millwright_frames_rejected_total{reason=\"bad-mac\"} 1", lines);
        Assert.Contains("millwright_frames_rejected_total{reason=\"clock-skew\"} 1", lines);
        Assert.Contains(lines, l => l.StartsWith("millwright_acks_sent_total ", StringComparison.Ordinal) && l != "millwright_acks_sent_total 0");
        Assert.Contains(lines, l => l.StartsWith("millwright_ingest_latency_seconds_bucket{le=\"0.25\"}", StringComparison.Ordinal));
        Assert.Contains("millwright_ingest_latency_seconds_count 2", lines);
        Assert.Contains("millwright_ingest_queue_depth 0", lines);
        Assert.Contains(lines, l => l.StartsWith("millwright_write_queue_depth ", StringComparison.Ordinal));
        Assert.Contains("millwright_connected_devices 1", lines);
    }
}
