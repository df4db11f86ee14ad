using Millwright.Firmware.Mqtt;

namespace Millwright.Firmware.Runtime;

/// <summary>
/// The command executor is built at boot (actuators safe first), the MQTT session only once the node is provisioned, and
/// each needs the other. The executor publishes through this relay, which forwards to the session when there is one
/// and otherwise says "offline" (the executor keeps the result).
/// </summary>
public sealed class CommandResultRelay : ICommandResultPublisher
{
    public ICommandResultPublisher Target { get; set; }

    public bool PublishCommandResult(byte[] signedResult, int offset, int count)
    {
        ICommandResultPublisher target = Target;
        return target != null && target.PublishCommandResult(signedResult, offset, count);
    }
}
