using Millwright.Protocol.Topics;

namespace Millwright.Controller.Mqtt;

/// <summary>
/// A Mosquitto ACL file that enforces protocol §6.3 for one plant, the same rules as <see cref="TopicAcl"/>: every
/// device (username = device id, via the %u pattern) may publish only its frames, cmdack and status and read only
/// its ack and cmd and the controller state; the controller users read every device's frames, cmdack and status and
/// write acks, commands and the controller state.
/// </summary>
public static class MosquittoAcl
{
    public static string Write(string plantId, IEnumerable<string> controllerUsers)
    {
        Identifiers.Validate(plantId, "plant id");
        string p = TopicNames.Prefix + plantId;
        var text = new System.Text.StringBuilder();
        text.Append("# Millwright ACL for plant '").Append(plantId).Append("' (protocol §6.3). Mosquitto denies what is not listed.\n");
        foreach (string user in controllerUsers)
        {
            text.Append('\n').Append("user ").Append(user).Append('\n')
                .Append("topic read ").Append(p).Append("/+/frames\n")
                .Append("topic read ").Append(p).Append("/+/cmdack\n")
                .Append("topic read ").Append(p).Append("/+/status\n")
                .Append("topic write ").Append(p).Append("/+/ack\n")
                .Append("topic write ").Append(p).Append("/+/cmd\n")
                .Append("topic write ").Append(p).Append("/$controller/state\n");
        }

        text.Append("\n# every device: its username is its device id\n")
            .Append("pattern write ").Append(p).Append("/%u/frames\n")
            .Append("pattern write ").Append(p).Append("/%u/cmdack\n")
            .Append("pattern write ").Append(p).Append("/%u/status\n")
            .Append("pattern read ").Append(p).Append("/%u/ack\n")
            .Append("pattern read ").Append(p).Append("/%u/cmd\n")
            .Append("pattern read ").Append(p).Append("/$controller/state\n");
        return text.ToString();
    }
}
