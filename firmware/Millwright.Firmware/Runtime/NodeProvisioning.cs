using Millwright.Firmware.Commands;
using Millwright.Firmware.Framing;
using Millwright.Firmware.Mqtt;
using Millwright.Firmware.Settings;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Runtime;

/// <summary>
/// What the node may do with the settings and secret it has (<see cref="NodeMode"/>): keys from the key store, the frame
/// pipeline once it can sign with a device id, and an MQTT session once the settings are complete. Applied at boot and
/// after every console change, without a reboot. The secret is installed once (replacing it takes a factory reset,
/// which reboots), so keys and pipeline are built once; the session is rebuilt on every change of settings.
/// </summary>
public sealed class NodeProvisioning
{
    private readonly NodeHardware _hw;
    private readonly NodeRuntimeOptions _options;
    private readonly NodeStorage _storage;
    private readonly CommandExecutor _executor;
    private readonly ControllerLinkFanOut _link;
    private readonly CommandResultRelay _relay;
    private readonly IStatusSource _status;

    public NodeProvisioning(
        NodeHardware hardware,
        NodeRuntimeOptions options,
        NodeStorage storage,
        CommandExecutor executor,
        ControllerLinkFanOut link,
        CommandResultRelay relay,
        IStatusSource status)
    {
        _hw = hardware;
        _options = options;
        _storage = storage;
        _executor = executor;
        _link = link;
        _relay = relay;
        _status = status;
    }

    public NodeMode Mode { get; private set; }

    /// <summary>Null until the node can sign frames (secret, device id, outbox open).</summary>
    public FramePipeline Pipeline { get; private set; }

    /// <summary>Null until the settings are complete too.</summary>
    public MqttSession Session { get; private set; }

    public DeviceKeys Keys { get; private set; }

    /// <summary>Takes <paramref name="settings"/> (and the key store) into use; <paramref name="frame"/> gets the device id.</summary>
    public void Apply(DeviceSettings settings, Frame frame)
    {
        if (Keys == null && _hw.KeyStore.HasSecret)
        {
            byte[] secret = _hw.KeyStore.ReadSecret();
            Keys = secret == null ? null : new DeviceKeys(secret);
        }

        string deviceId = settings.DeviceId;
        _executor.SetIdentity(deviceId, Keys);
        bool canRecord = Keys != null && deviceId.Length > 0 && _storage.IsOpen;
        if (canRecord && Pipeline == null)
        {
            Pipeline = new FramePipeline(Keys.DeviceMessageKey, Keys.KeyId, _storage.Sequences, _storage.Outbox, _storage.BootCounter);
        }

        frame.DeviceId = deviceId;
        StopSession();
        if (canRecord && settings.IsComplete)
        {
            Session = new MqttSession(_hw.Link, settings, Keys, _status, _storage.Outbox, _link, _options.Session, _hw.Random);
            _relay.Target = Session;
        }

        Mode = Session != null ? NodeMode.Connected : (canRecord ? NodeMode.Recording : NodeMode.ConsoleOnly);
    }

    // The old session's identity or broker may be wrong now: close its connection cleanly (no Will: the node is not
    // dead) and tell the executor, which holds results until the next session is online.
    private void StopSession()
    {
        if (Session == null)
        {
            return;
        }

        _relay.Target = null;
        Session = null;
        _hw.Link.Disconnect();
        if (_link.Connected)
        {
            _link.OnConnectionChanged(false);
        }
    }
}
