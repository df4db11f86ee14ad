using Millwright.Controller.Provisioning;
using Millwright.Protocol.Keys;

namespace Millwright.Controller.Tests.Provisioning.Fakes;

/// <summary>The registry in memory. A device "delivers" once <see cref="Delivering"/> is set: each look-up then finds one more frame.</summary>
internal sealed class FakeRegistry : IRegistryAccess
{
    private readonly Dictionary<string, (RegistryDevice Device, byte[] Secret)> _devices = new(StringComparer.Ordinal);

    public bool Delivering { get; set; } = true;

    /// <summary>Look-ups (counted from 1) that fail as an unreachable controller would.</summary>
    public HashSet<int> FailingFinds { get; } = [];

    private int _finds;

    public List<string> Calls { get; } = [];

    public string Description => "fake registry";

    public IReadOnlyCollection<byte[]> Secrets => [.. _devices.Values.Select(d => d.Secret)];

    public void Register(string deviceId, byte[] secret, long frames, bool enabled = true)
    {
        string keyId = KeyId(secret);
        _devices[deviceId] = (new RegistryDevice(deviceId, enabled, 1, keyId, [keyId], frames, frames), (byte[])secret.Clone());
    }

    public Task<RegistryDevice?> FindAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (FailingFinds.Contains(++_finds))
        {
            throw new ProvisioningException(ProvisioningStep.Registry, "the controller at http://fake/ cannot be reached: timeout", "check --controller");
        }

        if (!_devices.TryGetValue(deviceId, out var entry))
        {
            return Task.FromResult<RegistryDevice?>(null);
        }

        if (Delivering)
        {
            entry.Device = entry.Device with { FramesStored = entry.Device.FramesStored + 1, LastSequence = entry.Device.LastSequence + 1 };
            _devices[deviceId] = entry;
        }

        return Task.FromResult<RegistryDevice?>(entry.Device);
    }

    public Task<IssuedKey> AddAsync(string deviceId, byte[] secret, CancellationToken cancellationToken) => Issue("add", deviceId, secret, 1);

    public Task<IssuedKey> ReplaceAsync(string deviceId, byte[] secret, CancellationToken cancellationToken) => Issue("replace", deviceId, secret, 2);

    public Task<IssuedKey> RotateAsync(string deviceId, CancellationToken cancellationToken) =>
        Issue("rotate", deviceId, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), 1);

    public Task<bool?> IsConnectedAsync(string deviceId, CancellationToken cancellationToken) => Task.FromResult<bool?>(false);

    public Task<IReadOnlyList<QuarantineNote>> RecentQuarantineAsync(string deviceId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<QuarantineNote>>([]);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string KeyId(byte[] secret) => Convert.ToHexStringLower(KeyDerivation.DeriveKeyId(secret));

    private Task<IssuedKey> Issue(string call, string deviceId, byte[] secret, int epoch)
    {
        Calls.Add($"{call} {deviceId}");
        string keyId = KeyId(secret);
        _devices[deviceId] = (new RegistryDevice(deviceId, true, epoch, keyId, [keyId], 0, 0), (byte[])secret.Clone());
        return Task.FromResult(new IssuedKey(1, epoch, keyId, (byte[])secret.Clone()));
    }
}
