using System.Collections.Concurrent;
using Millwright.Controller.Metrics;

namespace Millwright.Controller.Mqtt;

/// <summary>
/// Which devices are connected now: from the embedded broker's connect/disconnect events, or (external broker,
/// which tells the controller nothing about connections) from the devices' retained birth and Will statuses.
/// </summary>
public sealed class ConnectedDevices
{
    private readonly ConcurrentDictionary<string, byte> _devices = new(StringComparer.Ordinal);

    public ConnectedDevices(ControllerMetrics metrics)
    {
        metrics.Gauge("millwright_connected_devices", "Devices connected to MQTT now.", () => Count);
    }

    public int Count => _devices.Count;

    /// <summary>Set by the embedded broker, which reports connections itself; otherwise statuses are the source.</summary>
    public bool FromBrokerEvents { get; set; }

    public bool IsConnected(string deviceId) => _devices.ContainsKey(deviceId);

    public void Connected(string deviceId) => _devices[deviceId] = 0;

    public void Disconnected(string deviceId) => _devices.TryRemove(deviceId, out _);
}
