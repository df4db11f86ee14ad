using System.Collections.Frozen;
using System.Text;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Devices;

/// <summary>Builds the keyring's entries from store records, reusing keys already derived for the same generation.</summary>
internal static class KeyringLoader
{
    internal static FrozenDictionary<string, KeyringEntry> Build(
        IReadOnlyList<DeviceRecord> devices,
        IReadOnlyList<DeviceKeyRecord> keys,
        FrozenDictionary<string, KeyringEntry> previous)
    {
        ILookup<string, DeviceKeyRecord> keysByDevice = keys.ToLookup(k => k.DeviceId, StringComparer.Ordinal);
        var entries = new Dictionary<string, KeyringEntry>(devices.Count, StringComparer.Ordinal);
        foreach (DeviceRecord device in devices)
        {
            previous.TryGetValue(device.DeviceId, out KeyringEntry? old);
            var usable = new List<VerificationKey>();
            var replaced = new List<byte[]>();
            var passwords = new List<byte[]>();
            foreach (DeviceKeyRecord key in keysByDevice[device.DeviceId].OrderByDescending(k => k.Generation))
            {
                if (key.ReplacedAt is not null)
                {
                    replaced.Add(key.KeyId);
                    continue;
                }

                VerificationKey derived = Reuse(old, key) ?? new VerificationKey(key);
                usable.Add(derived);
                if (key.State == KeyState.Active && key.Epoch == device.CurrentEpoch)
                {
                    passwords.Add(Encoding.ASCII.GetBytes(derived.Keys.MqttPassword));
                }
            }

            entries.Add(device.DeviceId, new KeyringEntry(device.DeviceId, device.Enabled, usable, replaced, passwords));
        }

        return entries.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static VerificationKey? Reuse(KeyringEntry? old, DeviceKeyRecord key)
    {
        // A generation's secret never changes, but its cut-over does (set when a rotation moves away from it).
        return old?.Keys.FirstOrDefault(k =>
            k.Generation == key.Generation && k.AcceptedBelowSequence == key.AcceptedBelowSequence &&
            k.KeyId.AsSpan().SequenceEqual(key.KeyId));
    }
}
