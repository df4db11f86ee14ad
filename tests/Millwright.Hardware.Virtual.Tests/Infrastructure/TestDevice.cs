using System.Security.Cryptography;
using Millwright.Hardware.Virtual.Board;
using Millwright.Hardware.Virtual.Machine;
using Millwright.Protocol.Keys;

namespace Millwright.Hardware.Virtual.Tests.Infrastructure;

/// <summary>A device identity for a test (id, fresh random secret) and the options of a virtual board that is that device.</summary>
internal sealed record TestDevice(string DeviceId, byte[] Secret)
{
    public const string PlantId = "plant-t";

    public static TestDevice Create(string deviceId) => new(deviceId, RandomNumberGenerator.GetBytes(KeyDerivation.SecretSize));

    public string MqttPassword => KeyDerivation.DeriveMqttPassword(Secret);

    /// <summary>Options for this device on a broker at 127.0.0.1:<paramref name="port"/>; flash writes without fsync (a test process is not a power cut).</summary>
    public VirtualBoardOptions BoardOptions(string dataDirectory, int port, double timeScale, int? samplePeriodMs = null, string? boardFile = null, MachineParameters? machine = null) => new()
    {
        DataDirectory = dataDirectory,
        BoardFile = boardFile ?? TestPaths.VirtualBoardFile,
        DeviceId = DeviceId,
        PlantId = PlantId,
        BrokerHost = "127.0.0.1",
        BrokerPort = port,
        Secret = Secret,
        TimeScale = timeScale,
        Seed = 42,
        SamplePeriodMilliseconds = samplePeriodMs,
        Console = false,
        SyncWrites = false,
        StatusIntervalSeconds = 1,
        Machine = machine ?? new MachineParameters(),
    };
}
