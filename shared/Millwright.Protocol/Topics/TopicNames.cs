namespace Millwright.Protocol.Topics;

/// <summary>Builds and parses mw/v1/{plant}/{device}/{kind} topic names (docs/protocol.md, "Topics").</summary>
public static class TopicNames
{
    public const string Prefix = "mw/v1/";
    public const string ControllerLevel = "$controller";

    public static string Build(string plantId, string deviceId, TopicKind kind)
    {
        Identifiers.Validate(plantId, "plant id");
        if (kind == TopicKind.ControllerState)
        {
            return Prefix + plantId + "/" + ControllerLevel + "/state";
        }

        Identifiers.Validate(deviceId, "device id");
        return Prefix + plantId + "/" + deviceId + "/" + KindName(kind);
    }

    public static string ControllerState(string plantId)
    {
        return Build(plantId, null, TopicKind.ControllerState);
    }

    /// <summary>Parses a topic; throws <see cref="ProtocolException"/> (TopicMalformed or InvalidIdentifier) otherwise.</summary>
    public static TopicAddress Parse(string topic)
    {
        if (topic == null || topic.Length > 128 || !topic.StartsWith(Prefix))
        {
            throw new ProtocolException(ProtocolError.TopicMalformed, "topic must start with " + Prefix);
        }

        string[] levels = topic.Substring(Prefix.Length).Split('/');
        if (levels.Length != 3)
        {
            throw new ProtocolException(ProtocolError.TopicMalformed, "topic must be mw/v1/{plant}/{device}/{kind}");
        }

        Identifiers.Validate(levels[0], "plant id");
        if (levels[1] == ControllerLevel)
        {
            if (levels[2] != "state")
            {
                throw new ProtocolException(ProtocolError.TopicMalformed, "the controller level has only 'state'");
            }

            return new TopicAddress(levels[0], null, TopicKind.ControllerState);
        }

        Identifiers.Validate(levels[1], "device id");
        return new TopicAddress(levels[0], levels[1], ParseKind(levels[2]));
    }

    public static string KindName(TopicKind kind)
    {
        switch (kind)
        {
            case TopicKind.Frames: return "frames";
            case TopicKind.Ack: return "ack";
            case TopicKind.Command: return "cmd";
            case TopicKind.CommandResult: return "cmdack";
            case TopicKind.Status: return "status";
            case TopicKind.ControllerState: return "state";
            default: throw new ProtocolException(ProtocolError.TopicMalformed, "unknown topic kind");
        }
    }

    private static TopicKind ParseKind(string name)
    {
        switch (name)
        {
            case "frames": return TopicKind.Frames;
            case "ack": return TopicKind.Ack;
            case "cmd": return TopicKind.Command;
            case "cmdack": return TopicKind.CommandResult;
            case "status": return TopicKind.Status;
            default: throw new ProtocolException(ProtocolError.TopicMalformed, "unknown topic kind '" + name + "'");
        }
    }
}
