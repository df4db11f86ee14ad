namespace Millwright.Controller.Provisioning;

/// <summary>
/// The controller's device registry as the provisioning tool uses it: over the HTTP API with the operator's token
/// (<see cref="ApiRegistryAccess"/>), or directly on the controller's database on the plant server
/// (<see cref="DatabaseRegistryAccess"/>). Failures are <see cref="ProvisioningException"/> with step "registry".
/// </summary>
public interface IRegistryAccess : IAsyncDisposable
{
    string Description { get; }

    /// <summary>The device, or null when it is not registered.</summary>
    Task<RegistryDevice?> FindAsync(string deviceId, CancellationToken cancellationToken);

    /// <summary>Registers a new device with <paramref name="secret"/>.</summary>
    Task<IssuedKey> AddAsync(string deviceId, byte[] secret, CancellationToken cancellationToken);

    /// <summary>A new node under the same id: new key and new epoch (sequence numbers restart at 1).</summary>
    Task<IssuedKey> ReplaceAsync(string deviceId, byte[] secret, CancellationToken cancellationToken);

    /// <summary>New key, same epoch (the node keeps counting); the registry generates the secret.</summary>
    Task<IssuedKey> RotateAsync(string deviceId, CancellationToken cancellationToken);

    /// <summary>Whether the device is logged in to the controller's broker; null when this access cannot tell.</summary>
    Task<bool?> IsConnectedAsync(string deviceId, CancellationToken cancellationToken);

    /// <summary>The device's most recent quarantined messages (id and reason), newest first.</summary>
    Task<IReadOnlyList<QuarantineNote>> RecentQuarantineAsync(string deviceId, CancellationToken cancellationToken);
}
