namespace Millwright.Controller.Provisioning;

/// <summary>
/// Waits until the controller has stored a signed frame from the node after the commit, and when none comes in time,
/// says which step failed from what the node's console and the controller report: Wi-Fi (node offline), broker (no
/// login), auth (frames quarantined for their MAC or key), time (frames quarantined for clock skew).
/// </summary>
public sealed class FirstFrameWatcher(ConsoleClient console, IRegistryAccess registry, ProgressDisplay progress)
{
    private static readonly string[] AuthReasons = ["bad-mac", "unknown-key", "key-retired", "replay", "unknown-device", "disabled"];

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long after the commit frames the node sent under its previous settings may still be on their way into the
    /// store (the ingest batches for 20 ms by default): the count is taken only after it, so such a frame is never taken
    /// for the first one under the new settings. Nodes keep sending, so a frame stored within it is followed by another.
    /// </summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Called right after the commit; returns the highest sequence number stored once a new frame arrived. The node is
    /// committed by then, so a controller that is slow to answer one poll (a busy plant server) is asked again until the
    /// deadline rather than failing the run; only one that never answers is reported, at step "registry".
    /// </summary>
    public async Task<long> WaitAsync(ProvisioningRequest request, CancellationToken cancellationToken)
    {
        progress.Begin("frame", $"waiting up to {request.FirstFrameTimeout.TotalSeconds:0} s for the first signed frame at the controller");
        DateTime until = DateTime.UtcNow + request.FirstFrameTimeout;
        await Task.Delay(Settle, cancellationToken).ConfigureAwait(false);
        RegistryDevice? before = await PollAsync(request.DeviceId, until, cancellationToken).ConfigureAwait(false);
        long framesBefore = before?.FramesStored ?? 0;
        long quarantinedBefore = await NewestQuarantineIdAsync(request.DeviceId, cancellationToken).ConfigureAwait(false);
        while (DateTime.UtcNow < until)
        {
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            RegistryDevice? now = await PollAsync(request.DeviceId, until, cancellationToken).ConfigureAwait(false);
            if (now is not null && now.FramesStored > framesBefore)
            {
                progress.Done($"frame stored: epoch {now.CurrentEpoch}, sequence {now.LastSequence}");
                return now.LastSequence;
            }
        }

        throw await DiagnoseAsync(request, quarantinedBefore, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The device as the registry has it, asked again after a failure until <paramref name="until"/>; then the failure stands.</summary>
    private async Task<RegistryDevice?> PollAsync(string deviceId, DateTime until, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await registry.FindAsync(deviceId, cancellationToken).ConfigureAwait(false);
            }
            catch (ProvisioningException e) when (e.Step == ProvisioningStep.Registry && DateTime.UtcNow < until)
            {
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<long> NewestQuarantineIdAsync(string deviceId, CancellationToken cancellationToken) =>
        (await registry.RecentQuarantineAsync(deviceId, cancellationToken).ConfigureAwait(false)).Select(q => q.Id).DefaultIfEmpty(0).Max();

    private async Task<ProvisioningException> DiagnoseAsync(ProvisioningRequest request, long quarantinedBefore, CancellationToken cancellationToken)
    {
        string waited = $"no signed frame reached the controller within {request.FirstFrameTimeout.TotalSeconds:0} s";
        IReadOnlyDictionary<string, string> status = new Dictionary<string, string>();
        try
        {
            ConsoleReply reply = await console.SendAsync("status").ConfigureAwait(false);
            status = reply.Pairs();
        }
        catch (ProvisioningException)
        {
            // The console went quiet: report from the controller's side only.
        }

        if (status.TryGetValue("network", out string? network) && network == "down")
        {
            return new ProvisioningException(ProvisioningStep.WiFi, $"{waited}: the node is not connected to Wi-Fi",
                "check the SSID and password (run again with the right --wifi-password-file), that the access point is in range, and that it is 2.4 GHz WPA2");
        }

        IReadOnlyList<QuarantineNote> recent = await registry.RecentQuarantineAsync(request.DeviceId, cancellationToken).ConfigureAwait(false);
        string[] fresh = [.. recent.Where(q => q.Id > quarantinedBefore).Select(q => q.Reason)];
        string? auth = fresh.FirstOrDefault(r => AuthReasons.Contains(r));
        if (auth is not null)
        {
            return new ProvisioningException(ProvisioningStep.Auth, $"{waited}: the controller quarantined the node's frames ({auth})",
                "the node's secret and the registry's key disagree: run again (a new key is issued), or use --replace for a new node under this id");
        }

        if (fresh.Contains("clock-skew") || (status.TryGetValue("time", out string? time) && time == "unsynced"))
        {
            return new ProvisioningException(ProvisioningStep.Time, $"{waited}: the node's clock is {(fresh.Contains("clock-skew") ? "too far from the controller's" : "not synchronised")}",
                "let the node reach an SNTP server (or the controller) and check the controller's clock");
        }

        bool? connected = await registry.IsConnectedAsync(request.DeviceId, cancellationToken).ConfigureAwait(false);
        string broker = $"{request.BrokerHost}:{request.BrokerPort}{(request.BrokerTls ? " (TLS)" : string.Empty)}";
        if (connected == true)
        {
            return new ProvisioningException(ProvisioningStep.Broker, $"{waited}: the node is logged in to the broker but none of its frames was stored",
                "check the node's sensors (selftest over the console) and the controller's log");
        }

        return new ProvisioningException(ProvisioningStep.Broker,
            $"{waited}: the node did not log in to the broker at {broker}{(connected is null ? " (or the broker refused its login)" : string.Empty)}",
            "check the broker host and port (the controller's MQTT port, 1883 or 8883 with TLS), the firewall, and that the node's network can reach it");
    }
}
