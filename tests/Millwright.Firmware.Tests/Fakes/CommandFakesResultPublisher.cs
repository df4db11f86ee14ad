using Millwright.Firmware.Mqtt;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>The session's cmdack publisher: keeps what it was given while "online", refuses while offline.</summary>
public sealed class CommandFakeResultPublisher : ICommandResultPublisher
{
    public bool Online { get; set; } = true;

    public List<byte[]> Published { get; } = [];

    public bool PublishCommandResult(byte[] signedResult, int offset, int count)
    {
        if (!Online)
        {
            return false;
        }

        Published.Add(signedResult.AsSpan(offset, count).ToArray());
        return true;
    }
}
