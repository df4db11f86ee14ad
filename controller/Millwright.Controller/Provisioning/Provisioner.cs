using System.Security.Cryptography;
using Millwright.Protocol.Keys;

namespace Millwright.Controller.Provisioning;

/// <summary>
/// One node, end to end: identify it, plan and confirm, register it, stage its settings and secret (with --wifi-improv
/// the Wi-Fi too, proven by the node connecting with it), prove the staged secret, commit, and wait for its first signed
/// frame at the controller. Nothing is switched on the node before the commit: if the run stops earlier (failure, cable
/// pulled, tool killed) the node keeps its previous settings, Wi-Fi and secret.
/// </summary>
public sealed class Provisioner(ConsoleClient console, IRegistryAccess registry, ProgressDisplay progress, Func<string, bool> confirm)
{
    private static readonly string[] ReadBack = ["device-id", "plant-id", "broker-host", "broker-port", "broker-tls", "wifi-ssid", "sample-period-ms"];

    public async Task<ProvisioningResult> RunAsync(ProvisioningRequest request, CancellationToken cancellationToken)
    {
        progress.Begin("identify", console.Line.Description);
        await console.HelloAsync().ConfigureAwait(false);
        await console.SendAsync("abort").ConfigureAwait(false); // a previous, interrupted session may have left edits staged
        ConsoleReply info = await console.SendAsync("info").ConfigureAwait(false);
        IReadOnlyDictionary<string, string> identity = info.Pairs();
        var current = new Dictionary<string, string>(StringComparer.Ordinal) { ["key-id"] = identity.GetValueOrDefault("key-id", string.Empty) };
        foreach (string key in ReadBack)
        {
            ConsoleReply value = await console.SendAsync("get " + key).ConfigureAwait(false);
            current[key] = value.Ok && value.Text.StartsWith(key + " ", StringComparison.Ordinal) ? value.Text[(key.Length + 1)..] : string.Empty;
        }

        progress.Done($"firmware {Show(identity, "firmware")}, board {Show(identity, "board")}, device-id {Show(identity, "device-id")}, key-id {Show(identity, "key-id")}");

        progress.Begin("plan", registry.Description);
        RegistryDevice? registered = await registry.FindAsync(request.DeviceId, cancellationToken).ConfigureAwait(false);
        ProvisioningPlan plan = ProvisioningPlanner.Plan(request, current, registered);
        progress.Done($"{plan.Secret.ToString().ToLowerInvariant()}: {plan.Reason}");
        if (plan.NodeWasConfigured)
        {
            progress.Note($"this node is configured; changes ({plan.Changes.Count}):");
            foreach (string change in plan.Changes)
            {
                progress.Note("  " + change);
            }

            if (!request.AssumeYes && !confirm("apply these changes?"))
            {
                throw new ProvisioningException(ProvisioningStep.Confirm, "not confirmed: nothing was changed", "run again and answer y, or pass --yes");
            }
        }

        IssuedKey? issued = null;
        byte[]? secret = null;
        try
        {
            progress.Begin("registry", $"{plan.Secret.ToString().ToLowerInvariant()} {request.DeviceId}");
            issued = await RegisterAsync(plan.Secret, request, cancellationToken).ConfigureAwait(false);
            secret = issued?.Secret ?? (request.Secret is null ? null : (byte[])request.Secret.Clone());
            progress.Done(issued is null ? $"key {registered!.CurrentKeyId} kept" : $"key {issued.KeyId}, generation {issued.Generation}, epoch {issued.Epoch}");

            progress.Begin("write", "staging the settings" + (issued is null ? string.Empty : " and the secret"));
            await StageAsync(request, issued).ConfigureAwait(false);
            progress.Done($"{request.Settings().Count} settings{(issued is null ? string.Empty : " and the secret")} staged (not yet in force)");

            if (request.WifiViaImprov && request.WifiSsid is not null)
            {
                // After the console edits, so the node stages the Wi-Fi with them instead of storing it at once.
                progress.Begin("wifi", $"Improv serial: {request.WifiSsid}");
                await ImprovWifiAsync(request.WifiSsid, request.WifiPassword ?? string.Empty).ConfigureAwait(false);
                progress.Done("the node connected with it; staged with the other settings (Improv state provisioned)");
            }

            if (secret is not null)
            {
                progress.Begin("prove", "challenge-response with the console-proof key");
                await ProveAsync(secret).ConfigureAwait(false);
                progress.Done("the node holds the secret");
            }

            progress.Begin("commit", "switching the node to the new settings");
            ConsoleReply committed = await console.SendAsync("commit").ConfigureAwait(false);
            if (!committed.Ok)
            {
                await console.AbortQuietlyAsync().ConfigureAwait(false);
                throw new ProvisioningException(ProvisioningStep.Commit, "the node refused the commit: " + committed.Text, "the previous settings stay in force; fix the setting named and run again");
            }

            if (committed.Text.Contains("rebooting", StringComparison.Ordinal))
            {
                await WaitForConsoleAsync().ConfigureAwait(false);
            }

            progress.Done(committed.Text);
        }
        finally
        {
            if (secret is not null)
            {
                CryptographicOperations.ZeroMemory(secret);
            }

            if (issued is not null)
            {
                CryptographicOperations.ZeroMemory(issued.Secret);
            }
        }

        var watcher = new FirstFrameWatcher(console, registry, progress);
        long sequence = await watcher.WaitAsync(request, cancellationToken).ConfigureAwait(false);
        string keyId = issued?.KeyId ?? registered!.CurrentKeyId;
        return new ProvisioningResult(request.DeviceId, keyId, issued?.Epoch ?? registered!.CurrentEpoch, sequence);
    }

    private async Task<IssuedKey?> RegisterAsync(SecretAction action, ProvisioningRequest request, CancellationToken cancellationToken)
    {
        if (action is SecretAction.Keep)
        {
            return null;
        }

        if (action is SecretAction.Rotate)
        {
            return await registry.RotateAsync(request.DeviceId, cancellationToken).ConfigureAwait(false);
        }

        // The registry keeps its own copy; this one is wiped as soon as it has been handed over.
        byte[] fresh = request.Secret is null ? RandomNumberGenerator.GetBytes(KeyDerivation.SecretSize) : (byte[])request.Secret.Clone();
        try
        {
            return action is SecretAction.Add
                ? await registry.AddAsync(request.DeviceId, fresh, cancellationToken).ConfigureAwait(false)
                : await registry.ReplaceAsync(request.DeviceId, fresh, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(fresh);
        }
    }

    private async Task StageAsync(ProvisioningRequest request, IssuedKey? issued)
    {
        foreach ((string key, string value, bool hidden) in request.Settings())
        {
            ConsoleReply reply = await console.SendAsync($"set {key} {value}").ConfigureAwait(false);
            if (!reply.Ok)
            {
                await console.AbortQuietlyAsync().ConfigureAwait(false);
                throw new ProvisioningException(ProvisioningStep.Write, $"the node refused {key}{(hidden ? string.Empty : " '" + value + "'")}: {reply.Text}",
                    "nothing was changed on the node; correct the value and run again");
            }
        }

        if (issued is null)
        {
            return;
        }

        ConsoleReply staged = await console.SendSecretAsync(issued.Secret).ConfigureAwait(false);
        if (!staged.Ok || !staged.Text.StartsWith("secret staged key-id=" + issued.KeyId, StringComparison.Ordinal))
        {
            await console.AbortQuietlyAsync().ConfigureAwait(false);
            throw new ProvisioningException(ProvisioningStep.Write, "the node did not stage the secret: " + staged.Text,
                staged.Text.StartsWith("a secret is already installed", StringComparison.Ordinal)
                    ? "this firmware cannot replace a secret within a session: update it (docs/firmware.md), or factory-reset the node first"
                    : "nothing was changed on the node; run again");
        }
    }

    private async Task ImprovWifiAsync(string ssid, string password)
    {
        try
        {
            await new ImprovWifiClient(console).ProvisionAsync(ssid, password).ConfigureAwait(false);
        }
        catch (ProvisioningException)
        {
            await console.AbortQuietlyAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task ProveAsync(byte[] secret)
    {
        byte[] challenge = RandomNumberGenerator.GetBytes(16);
        ConsoleReply reply = await console.SendAsync("prove " + Convert.ToHexStringLower(challenge)).ConfigureAwait(false);
        byte[] key = KeyDerivation.Derive(secret, KeyPurpose.ConsoleProof);
        byte[] expected = HMACSHA256.HashData(key, challenge);
        CryptographicOperations.ZeroMemory(key);
        byte[]? answer = reply.Ok && reply.Text.StartsWith("proof ", StringComparison.Ordinal) ? TryHex(reply.Text[6..]) : null;
        if (answer is null || !CryptographicOperations.FixedTimeEquals(answer, expected))
        {
            await console.AbortQuietlyAsync().ConfigureAwait(false);
            throw new ProvisioningException(ProvisioningStep.Prove,
                reply.Ok ? "the node's proof does not match the secret: it holds a different secret" : "the node could not prove a secret: " + reply.Text,
                "nothing was switched on the node (staged changes discarded); check that the secret file belongs to this device");
        }
    }

    private async Task WaitForConsoleAsync()
    {
        DateTime until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        await Task.Delay(1000).ConfigureAwait(false);
        while (true)
        {
            try
            {
                await console.HelloAsync().ConfigureAwait(false);
                return;
            }
            catch (ProvisioningException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(500).ConfigureAwait(false);
            }
        }
    }

    private static byte[]? TryHex(string text)
    {
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Show(IReadOnlyDictionary<string, string> pairs, string key) =>
        pairs.TryGetValue(key, out string? value) && value.Length > 0 ? value : "(none)";
}
