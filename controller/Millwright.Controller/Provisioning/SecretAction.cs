namespace Millwright.Controller.Provisioning;

/// <summary>What happens to the node's key (docs/provisioning.md, "Re-provisioning and replacement").</summary>
public enum SecretAction
{
    /// <summary>A new device: registered with a new secret.</summary>
    Add,
    /// <summary>The node keeps the registry's current key (proven by its first frame, or by `prove` when the secret is given).</summary>
    Keep,
    /// <summary>Same node, new key, same sequence space.</summary>
    Rotate,
    /// <summary>A new node under a registered id: new key, new epoch, sequence numbers restart.</summary>
    Replace,
}
