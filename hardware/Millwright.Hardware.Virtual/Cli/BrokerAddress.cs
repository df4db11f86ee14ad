using System.Globalization;

namespace Millwright.Hardware.Virtual.Cli;

/// <summary>A broker given as host:port (port 1883 when omitted).</summary>
internal readonly record struct BrokerAddress(string Host, int Port)
{
    public static BrokerAddress Parse(string text)
    {
        int colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            return new BrokerAddress(text, 1883);
        }

        if (colon == 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            throw new UsageException($"--broker must be host:port with a port 1-65535, not '{text}'");
        }

        return new BrokerAddress(text[..colon], port);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");
}
