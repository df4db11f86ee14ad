namespace Millwright.Controller.Provisioning;

/// <summary>
/// Decides what happens to the node's key from what the node holds (its key id) and what the registry holds, and lists
/// the settings that change. Pure: no I/O, so every case is unit-tested.
/// </summary>
public static class ProvisioningPlanner
{
    /// <param name="current">The node's current values by setting name (from `get`), plus "key-id".</param>
    public static ProvisioningPlan Plan(ProvisioningRequest request, IReadOnlyDictionary<string, string> current, RegistryDevice? registered)
    {
        string deviceKey = current.GetValueOrDefault("key-id", string.Empty);
        bool configured = deviceKey.Length > 0 || current.GetValueOrDefault("device-id", string.Empty).Length > 0;
        (SecretAction action, string reason) = Decide(request, deviceKey, registered);
        var changes = new List<string>();
        foreach ((string key, string value, bool hidden) in request.Settings())
        {
            string old = current.GetValueOrDefault(key, string.Empty);
            if (hidden)
            {
                changes.Add($"{key}: (write-only) -> {(value.Length == 0 ? "(none)" : "(set)")}");
            }
            else if (old != value)
            {
                changes.Add($"{key}: {(old.Length == 0 ? "(none)" : old)} -> {value}");
            }
        }

        if (request.WifiViaImprov && request.WifiSsid is not null)
        {
            changes.Add($"wifi (Improv): -> {request.WifiSsid}");
        }

        if (action != SecretAction.Keep)
        {
            changes.Add($"secret: {(deviceKey.Length == 0 ? "(none)" : "key " + deviceKey)} -> new key ({action.ToString().ToLowerInvariant()})");
        }

        return new ProvisioningPlan(action, reason, changes, configured);
    }

    private static (SecretAction, string) Decide(ProvisioningRequest request, string deviceKey, RegistryDevice? registered)
    {
        if (registered is not null && !registered.Enabled)
        {
            // Refused before anything changes, the Wi-Fi over Improv included.
            throw Refused($"device {request.DeviceId} is disabled in the registry", $"enable it first: millwright device enable {request.DeviceId} (or POST /api/devices/{request.DeviceId}/enable)");
        }

        if (request.KeepSecret)
        {
            if (registered is null)
            {
                throw Refused($"--keep-secret: device {request.DeviceId} is not registered", "run without --keep-secret to register it");
            }

            if (deviceKey.Length == 0)
            {
                throw Refused("--keep-secret: the node holds no secret", "run without --keep-secret to give it one");
            }

            return (SecretAction.Keep, "the node keeps its secret (proven with the given secret)");
        }

        if (registered is null)
        {
            return request.Replace
                ? throw Refused($"--replace: device {request.DeviceId} is not registered", "run without --replace to add it")
                : (SecretAction.Add, "new device");
        }

        if (request.Replace)
        {
            return (SecretAction.Replace, "replacement node: new key and new epoch, sequence numbers restart");
        }

        bool holdsRegistryKey = deviceKey.Length > 0 && registered.ActiveKeyIds.Contains(deviceKey);
        if (holdsRegistryKey && deviceKey == registered.CurrentKeyId && !request.Rotate)
        {
            return (SecretAction.Keep, "the node holds the registry's current key");
        }

        if (holdsRegistryKey)
        {
            return (SecretAction.Rotate, "same node, new key (rotation)");
        }

        if (registered.FramesStored == 0)
        {
            // Registered but never heard from (an earlier run stopped before the commit): nothing to keep continuous.
            return (SecretAction.Replace, "registered but never delivered a frame: new key");
        }

        throw Refused(
            $"device {request.DeviceId} is registered and has delivered frames under key {registered.CurrentKeyId}; this node holds {(deviceKey.Length == 0 ? "no key" : "key " + deviceKey)}",
            "if this node replaces the registered one, run again with --replace (history continues, sequence numbers restart)");
    }

    private static ProvisioningException Refused(string message, string advice) => new(ProvisioningStep.Registry, message, advice);
}
