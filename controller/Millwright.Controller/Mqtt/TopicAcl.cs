using Millwright.Protocol.Topics;

namespace Millwright.Controller.Mqtt;

/// <summary>
/// The broker's topic rules for a device (protocol §6.3), as pure string logic: device d of plant p may publish
/// only to mw/v1/p/d/frames, .../cmdack and .../status (also as its Will), and subscribe only to mw/v1/p/d/ack,
/// .../cmd and mw/v1/p/$controller/state. Exact names only: a filter with a wildcard (+, #), a shared subscription
/// ($share/...) or another plant's or device's topic is refused. Allocates nothing.
/// </summary>
public sealed class TopicAcl
{
    private readonly string _plantPrefix;

    public TopicAcl(string plantId)
    {
        Identifiers.Validate(plantId, "plant id");
        _plantPrefix = TopicNames.Prefix + plantId + "/";
        ControllerStateTopic = TopicNames.ControllerState(plantId);
    }

    public string ControllerStateTopic { get; }

    public bool MayPublish(string deviceId, string topic) =>
        OwnTopicKind(deviceId, topic) is "frames" or "cmdack" or "status";

    public bool MaySubscribe(string deviceId, string topicFilter) =>
        string.Equals(topicFilter, ControllerStateTopic, StringComparison.Ordinal) ||
        OwnTopicKind(deviceId, topicFilter) is "ack" or "cmd";

    /// <summary>The last level of mw/v1/{p}/{deviceId}/{kind} when the topic is exactly that form, else null.</summary>
    private string? OwnTopicKind(string deviceId, string topic)
    {
        if (string.IsNullOrEmpty(deviceId) || topic is null || !topic.StartsWith(_plantPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        ReadOnlySpan<char> rest = topic.AsSpan(_plantPrefix.Length);
        if (!rest.StartsWith(deviceId, StringComparison.Ordinal) || rest.Length <= deviceId.Length || rest[deviceId.Length] != '/')
        {
            return null;
        }

        ReadOnlySpan<char> kind = rest[(deviceId.Length + 1)..];
        return kind switch
        {
            "frames" => "frames",
            "cmdack" => "cmdack",
            "status" => "status",
            "ack" => "ack",
            "cmd" => "cmd",
            _ => null,
        };
    }
}
