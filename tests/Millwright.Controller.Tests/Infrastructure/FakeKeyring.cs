using Millwright.Controller.Devices;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Tests.Infrastructure;

/// <summary>An in-memory <see cref="IDeviceKeyring"/> for unit tests of the verifier (integration tests use the real
/// keyring over a real SQLite store).</summary>
internal sealed class FakeKeyring : IDeviceKeyring
{
    private readonly Dictionary<string, (bool Enabled, List<VerificationKey> Keys, List<byte[]> Replaced)> _devices = [];

    internal VerificationKey Add(TestDevice device, int generation = 1, int epoch = 1, long? acceptedBelow = null, bool enabled = true)
    {
        var record = new DeviceKeyRecord(
            device.DeviceId, generation, epoch, device.Keys.KeyId, device.Secret, KeyState.Active, DateTimeOffset.UnixEpoch, null, acceptedBelow, null, null);
        var key = new VerificationKey(record);
        if (!_devices.TryGetValue(device.DeviceId, out var entry))
        {
            entry = (enabled, [], []);
        }

        entry.Keys.Add(key);
        _devices[device.DeviceId] = (enabled, entry.Keys, entry.Replaced);
        return key;
    }

    internal void AddReplaced(TestDevice device, byte[] keyId) => _devices[device.DeviceId].Replaced.Add(keyId);

    public KeyLookup Find(string deviceId, ReadOnlySpan<byte> keyId)
    {
        if (!_devices.TryGetValue(deviceId, out var entry))
        {
            return KeyLookup.Of(KeyLookupStatus.UnknownDevice);
        }

        // The same rule as the real keyring: only the storage behind it is fake.
        return new KeyringEntry(deviceId, entry.Enabled, entry.Keys, entry.Replaced, []).Find(keyId);
    }

    public ValueTask<KeyLookup> FindAsync(string deviceId, ReadOnlyMemory<byte> keyId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Find(deviceId, keyId.Span));

    public bool IsEnabled(string deviceId) => _devices.TryGetValue(deviceId, out var entry) && entry.Enabled;

    public bool ValidateMqttCredentials(string deviceId, string password) =>
        _devices.TryGetValue(deviceId, out var entry) && entry.Enabled && entry.Keys.Any(k => k.Keys.MqttPassword == password);

    public Task RefreshAsync(bool force, CancellationToken cancellationToken) => Task.CompletedTask;
}
