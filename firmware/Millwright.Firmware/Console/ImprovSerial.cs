using Millwright.Firmware.Hardware;
using Millwright.Firmware.Settings;
using Millwright.Protocol.Text;

namespace Millwright.Firmware.Console;

/// <summary>
/// The Wi-Fi part of provisioning over Improv Wi-Fi serial, so ESP Web Tools and Home Assistant can set it
/// (https://www.improv-wifi.com/serial/; RPC commands and states as in improv-wifi/sdk-serial-js). Wi-Fi settings
/// are applied to the network at once, but stored only once the node has connected with them: a mistyped password
/// then cannot replace a working configuration (the previous one is restored after
/// <see cref="ConnectTimeoutMicros"/>). No Wi-Fi scan: the network interface cannot scan, so that RPC is "unknown".
/// Inside a console session that has staged edits (the provisioning tool's Wi-Fi step), connecting only proves the
/// credentials: they are staged with the other edits, the node goes back to its active Wi-Fi, and nothing is stored
/// before <c>commit</c>, so a session cut before the commit leaves the previous Wi-Fi in force too.
/// </summary>
public sealed class ImprovSerial
{
    public const byte StateReady = 0x02;
    public const byte StateProvisioning = 0x03;
    public const byte StateProvisioned = 0x04;

    public const byte ErrorNone = 0x00;
    public const byte ErrorInvalidRpc = 0x01;
    public const byte ErrorUnknownRpc = 0x02;
    public const byte ErrorUnableToConnect = 0x03;
    public const byte ErrorUnknown = 0xFF;

    public const byte RpcWifiSettings = 0x01;
    public const byte RpcCurrentState = 0x02;
    public const byte RpcDeviceInfo = 0x03;

    public const long ConnectTimeoutMicros = 30000000;

    private readonly ImprovPacketWriter _writer;
    private readonly SettingsStore _settings;
    private readonly INetworkInterface _network;
    private readonly IClock _clock;
    private readonly string _boardName;
    private readonly IConfigurationListener _listener;
    private readonly SettingsSession _session;
    private bool _provisioning;
    private bool _intoSession;
    private long _deadlineMicros;
    private string _pendingSsid;
    private string _pendingPassword;

    /// <param name="session">The console's staged edits: Wi-Fi set while it has changes is staged there.</param>
    public ImprovSerial(ConsoleOutput output, ConsoleEnvironment environment, SettingsSession session)
    {
        _session = session;
        _writer = new ImprovPacketWriter(output);
        _settings = environment.Settings;
        _network = environment.Network;
        _clock = environment.Clock;
        _boardName = environment.Board.Name;
        _listener = environment.Listener;
    }

    public byte State
    {
        get
        {
            if (_provisioning)
            {
                return StateProvisioning;
            }

            return _network.IsConnected && _settings.Active.WifiSsid.Length > 0 ? StateProvisioned : StateReady;
        }
    }

    /// <summary>Answers one complete packet from the framer (header to checksum).</summary>
    public void Handle(byte[] packet, int length)
    {
        int dataLength = packet[8];
        if (packet[6] != ImprovPacketWriter.Version || packet[7] != ImprovPacketWriter.TypeRpc ||
            ImprovPacketWriter.Checksum(packet, 0, length - 1) != packet[length - 1] ||
            dataLength < 2 || packet[10] != dataLength - 2)
        {
            _writer.SendError(ErrorInvalidRpc);
            return;
        }

        byte command = packet[9];
        if (command == RpcWifiSettings)
        {
            StartProvisioning(packet, 11, dataLength - 2);
        }
        else if (command == RpcCurrentState)
        {
            byte state = State;
            _writer.SendState(state);
            if (state == StateProvisioned)
            {
                _writer.SendRpcResult(RpcCurrentState, new string[0]);
            }
        }
        else if (command == RpcDeviceInfo)
        {
            string deviceId = _settings.Active.DeviceId;
            _writer.SendRpcResult(
                RpcDeviceInfo, new string[] { "Millwright", FirmwareInfo.Version, "ESP32", deviceId.Length > 0 ? deviceId : _boardName });
        }
        else
        {
            _writer.SendError(ErrorUnknownRpc);
        }
    }

    /// <summary>Follows a connection attempt: stores the settings once connected, restores the old ones on timeout.</summary>
    public void Update(long nowMicros)
    {
        if (!_provisioning)
        {
            return;
        }

        if (_network.IsConnected)
        {
            Finish();
            return;
        }

        if (nowMicros - _deadlineMicros > 0)
        {
            _provisioning = false;
            ForgetPending();
            RestoreActiveNetwork();
            _writer.SendError(ErrorUnableToConnect);
            _writer.SendState(State);
        }
    }

    private void StartProvisioning(byte[] packet, int offset, int count)
    {
        // Data: ssid length, ssid, password length, password.
        int ssidLength = count > 0 ? packet[offset] : -1;
        int passwordAt = offset + 1 + ssidLength;
        if (ssidLength < 1 || 1 + ssidLength + 1 > count || packet[passwordAt] != count - ssidLength - 2)
        {
            _writer.SendError(ErrorInvalidRpc);
            return;
        }

        string ssid = Decode(packet, offset + 1, ssidLength);
        string password = Decode(packet, passwordAt + 1, packet[passwordAt]);
        if (ssid == null || password == null || SettingsValidator.CheckSsid(ssid) != null ||
            SettingsValidator.CheckWifiPassword(password) != null)
        {
            _writer.SendError(ErrorInvalidRpc);
            return;
        }

        _pendingSsid = ssid;
        _pendingPassword = password;
        _provisioning = true;
        _intoSession = _session.HasChanges;
        _deadlineMicros = _clock.MonotonicMicros + ConnectTimeoutMicros;
        _writer.SendError(ErrorNone);
        _writer.SendState(StateProvisioning);
        _network.Configure(ssid, password);
    }

    private void Finish()
    {
        _provisioning = false;
        if (_intoSession)
        {
            StageIntoSession();
            return;
        }

        DeviceSettings candidate = _settings.Active;
        candidate.WifiSsid = _pendingSsid;
        candidate.WifiPassword = _pendingPassword;
        ForgetPending();
        if (_settings.Commit(candidate) != null)
        {
            _writer.SendError(ErrorUnknown);
            _writer.SendState(StateReady);
            return;
        }

        if (_listener != null)
        {
            _listener.OnSettingsCommitted();
        }

        _writer.SendState(StateProvisioned);
        _writer.SendRpcResult(RpcWifiSettings, new string[0]);
    }

    /// <summary>The credentials work: staged for the session's commit; the node returns to its active Wi-Fi meanwhile.</summary>
    private void StageIntoSession()
    {
        // Both values passed the same checks in StartProvisioning, so neither can be refused here.
        string problem = _session.Set(SettingsFields.WifiSsid, _pendingSsid);
        if (problem == null)
        {
            problem = _session.Set(SettingsFields.WifiPassword, _pendingPassword);
        }

        ForgetPending();
        RestoreActiveNetwork();
        if (problem != null)
        {
            _writer.SendError(ErrorUnknown);
            _writer.SendState(State);
            return;
        }

        _writer.SendState(StateProvisioned);
        _writer.SendRpcResult(RpcWifiSettings, new string[0]);
    }

    private void RestoreActiveNetwork()
    {
        DeviceSettings active = _settings.Active;
        if (active.WifiSsid.Length > 0)
        {
            _network.Configure(active.WifiSsid, active.WifiPassword);
        }
    }

    private void ForgetPending()
    {
        _pendingSsid = null;
        _pendingPassword = null;
    }

    private static string Decode(byte[] data, int offset, int count)
    {
        int chars = Utf8.GetCharCount(data, offset, count);
        return chars < 0 ? null : Utf8.Decode(data, offset, count, chars);
    }
}
