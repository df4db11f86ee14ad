using Millwright.Firmware.Mqtt;
using Millwright.Firmware.Runtime;
using Millwright.Firmware.Settings;
using Millwright.Hardware.Virtual.Flash;
using Millwright.Hardware.Virtual.Machine;

namespace Millwright.Hardware.Virtual.Board;

/// <summary>
/// Takes a board's figures on its loop thread. The device id is read from the settings in flash only when the MQTT
/// session object changed (the firmware builds a new one at boot and on every settings commit), not at every call.
/// </summary>
internal sealed class BoardFiguresReader
{
    private const string Unprovisioned = "(unprovisioned)";

    private readonly FileRecordStore _store;
    private object? _session;
    private string? _deviceId;

    public BoardFiguresReader(FileRecordStore store)
    {
        _store = store;
    }

    public BoardFigures Read(NodeRuntime runtime, MachineReading machine, SimulatedMachine simulated, long framesBeforeThisBoot, int boots, long worldMicros)
    {
        MqttSession? session = runtime.Session;
        if (_deviceId is null || !ReferenceEquals(session, _session))
        {
            _session = session;
            var settings = new SettingsStore(_store);
            _deviceId = settings.Load() && settings.Active.DeviceId.Length > 0 ? settings.Active.DeviceId : Unprovisioned;
        }

        var outbox = runtime.Storage.Outbox;
        return new BoardFigures(
            _deviceId,
            runtime.Mode,
            session is not null && session.State == MqttSessionState.Online,
            framesBeforeThisBoot + runtime.FramesRecorded,
            outbox?.LastSequence ?? 0,
            outbox?.AckedSequence ?? 0,
            outbox?.Depth ?? 0,
            boots,
            worldMicros / 1e6,
            machine.Condition,
            machine.Wear,
            simulated.Failures,
            simulated.Maintenances);
    }
}
