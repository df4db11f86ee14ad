namespace Millwright.Firmware.Mqtt;

/// <summary>Publishes a signed command result on our cmdack topic (QoS 1). Returns false when offline (the executor keeps it).</summary>
public interface ICommandResultPublisher
{
    bool PublishCommandResult(byte[] signedResult, int offset, int count);
}
