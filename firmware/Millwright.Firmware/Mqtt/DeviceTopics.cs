using Millwright.Protocol.Topics;

namespace Millwright.Firmware.Mqtt;

/// <summary>The topic names of one device, built once (ARCHITECTURE.md §4, "Topics"); throws ProtocolException on a bad id.</summary>
public sealed class DeviceTopics
{
    public DeviceTopics(string plantId, string deviceId)
    {
        Frames = TopicNames.Build(plantId, deviceId, TopicKind.Frames);
        Ack = TopicNames.Build(plantId, deviceId, TopicKind.Ack);
        Command = TopicNames.Build(plantId, deviceId, TopicKind.Command);
        CommandResult = TopicNames.Build(plantId, deviceId, TopicKind.CommandResult);
        Status = TopicNames.Build(plantId, deviceId, TopicKind.Status);
        ControllerState = TopicNames.ControllerState(plantId);
    }

    public string Frames { get; private set; }

    public string Ack { get; private set; }

    public string Command { get; private set; }

    public string CommandResult { get; private set; }

    public string Status { get; private set; }

    public string ControllerState { get; private set; }
}
