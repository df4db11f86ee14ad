namespace Millwright.Protocol.Topics;

/// <summary>A parsed topic: plant, device (null for the controller state topic) and kind.</summary>
public sealed class TopicAddress
{
    public TopicAddress(string plantId, string deviceId, TopicKind kind)
    {
        PlantId = plantId;
        DeviceId = deviceId;
        Kind = kind;
    }

    public string PlantId { get; private set; }

    public string DeviceId { get; private set; }

    public TopicKind Kind { get; private set; }
}
