using Millwright.Firmware.Hardware;

namespace Millwright.Hardware.Virtual.Mqtt;

/// <summary>Work for the link's connection task: connect with these settings, or (settings null) disconnect.</summary>
internal sealed record LinkRequest(MqttConnectSettings? Connect, CancellationToken Cancel);
